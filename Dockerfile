# syntax=docker/dockerfile:1
# The upload-credentials BFF: compiled with the full toolchain, run with production dependencies only,
# as a non-root user, on a root filesystem it never writes to. test/deploy/image-steps.e2e-spec.ts replays
# these steps without a Docker engine; docs/deploy/README.md says how to build and run the image.

# Pin a digest for reproducible builds: --build-arg NODE_IMAGE=node:24-bookworm-slim@sha256:<digest>
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: the image has Node 24 already (the `node` devDependency only serves npm scripts on hosts
# with another Node) and the TypeScript build needs no native binaries.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
# Whole folders, so moving code between apps/ and libs/ needs no change here.
COPY apps apps
COPY libs libs
RUN npx nest build upload-api

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE}
LABEL org.opencontainers.image.title="upload-credentials-bff" \
      org.opencontainers.image.description="Short-lived upload credentials for Alibaba Cloud VOD/IMS and Tencent Cloud VOD"
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
# Owned by root and read-only to the service user: the process cannot change its own code.
COPY --from=deps /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
# The image's `node` user, numeric so that Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/upload-api/src/main.js"]
