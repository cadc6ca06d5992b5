import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from 'dockerfile-utils';
import { readDockerfile, stepsOf } from './support/dockerfile';
import { DOCKERFILE_RULES } from './support/dockerfile-rules';
import { readDockerignore } from './support/dockerignore';
import { repoPath } from './support/repo-paths';

/** Breaks every rule at least once: proof that each rule can fail. */
const BAD_DOCKERFILE = `FROM node:latest AS build
WORKDIR app
COPY --from=later /x /x
ADD https://example.com/tool.tgz /tmp/
FROM node:24-bookworm-slim AS build
RUN cd /tmp && sudo apt-get install -y curl && npm install
ENV NODE_ENV=development PORT=3000
EXPOSE 8080
ENTRYPOINT ["sh", "-c"]
HEALTHCHECK CMD curl -f http://localhost/
CMD node main.js
`;
function parseText(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'dockerfile-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), text);
    return readDockerfile(join(dir, 'Dockerfile'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the Dockerfile against hadolint-style rules (hadolint itself is not installable here)', () => {
  const model = readDockerfile();
  const bad = parseText(BAD_DOCKERFILE);

  it.each(DOCKERFILE_RULES.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
    expect(rule.check(model)).toEqual([]);
    expect(rule.check(bad).length).toBeGreaterThan(0);
  });

  it('is valid Dockerfile syntax (dockerfile-utils: instructions, flags, durations, signals)', () => {
    expect(validate(model.text).map((problem) => problem.message)).toEqual([]);
    expect(validate('FROM node:24-bookworm-slim\nHEALTHCHECK --interval=soon CMD true\nSTOPSIGNAL NOPE\n').length).toBeGreaterThan(0);
  });
});

describe('.dockerignore', () => {
  const ignored = readDockerignore();

  it('lets in everything the Dockerfile copies from the build context', () => {
    const sources = readDockerfile()
      .stages.flatMap((stage) => stepsOf(stage, 'COPY').filter((copy) => !copy.flags.from))
      .flatMap((copy) => copy.args.slice(0, -1));
    expect(sources).toContain('apps');
    expect(sources.filter((source) => ignored(source))).toEqual([]);
    expect(ignored('apps/upload-api/src/main.ts')).toBe(false);
  });

  it('keeps secrets, local state, build output and tests out of the image', () => {
    const mustStayOut = [
      '.env',
      '.sandbox/dev-jwt-secret',
      'deploy/compose/secrets/redis-url',
      'node_modules/x/index.js',
      'dist/main.js',
      '.git/HEAD',
    ];
    expect(mustStayOut.filter((path) => !ignored(path))).toEqual([]);
    expect(ignored('apps/upload-api/src/app.module.spec.ts')).toBe(true);
    expect(readFileSync(repoPath('.dockerignore'), 'utf8')).toMatch(/^\*$/m);
  });
});
