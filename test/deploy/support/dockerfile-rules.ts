import { type DockerStage, type DockerfileModel, execForm, finalStage, stepsOf } from './dockerfile';

/** A hadolint-style rule over the parsed Dockerfile: the violations it finds, none when it holds. */
export interface DockerfileRule {
  id: string;
  check(model: DockerfileModel): string[];
}

const NODE_24_SLIM = /^node:24(?:\.\d+){0,2}-(?:bookworm|trixie)-slim(?:@sha256:[0-9a-f]{64})?$/;
const runs = (model: DockerfileModel) => model.stages.flatMap((stage) => stepsOf(stage, 'RUN').map((step) => step.text));
const stageNames = (model: DockerfileModel) => model.stages.map((stage) => stage.name).filter(Boolean) as string[];
const lastOf = (stage: DockerStage, keyword: string) => stepsOf(stage, keyword).pop();

export const DOCKERFILE_RULES: DockerfileRule[] = [
  {
    id: 'base images are node:24 slim, tag pinned (DL3006, DL3007)',
    check: (model) =>
      model.stages
        .filter((stage) => !stageNames(model).includes(stage.image) && !NODE_24_SLIM.test(stage.image))
        .map((stage) => stage.image),
  },
  {
    id: 'multi-stage: the final stage copies its code from build stages',
    check: (model) =>
      model.stages.length >= 2 && stepsOf(finalStage(model), 'COPY').some((copy) => copy.flags.from) ? [] : ['a single stage'],
  },
  {
    id: 'the final stage installs and builds nothing',
    check: (model) => stepsOf(finalStage(model), 'RUN').map((step) => step.text),
  },
  {
    id: 'npm ci from the lockfile, never npm install (DL3016)',
    check: (model) => runs(model).filter((command) => /\bnpm (?:i|install|add)\b/.test(command)),
  },
  {
    id: 'the production install omits dev dependencies',
    check: (model) => (runs(model).some((command) => /\bnpm ci\b.*--omit=dev/.test(command)) ? [] : ['no npm ci --omit=dev']),
  },
  {
    id: 'no ADD: COPY for files, nothing fetched from URLs (DL3020)',
    check: (model) => model.stages.flatMap((stage) => stepsOf(stage, 'ADD').map((step) => step.text)),
  },
  {
    id: 'no sudo, no cd, no apt-get upgrade, apt-get install --no-install-recommends (DL3004, DL3003, DL3005, DL3015)',
    check: (model) =>
      runs(model).filter(
        (command) =>
          /\bsudo\b|(?:^|&&|;)\s*cd\s|apt-get (?:dist-)?upgrade/.test(command) ||
          (/apt-get install/.test(command) && !/--no-install-recommends/.test(command)),
      ),
  },
  {
    id: 'WORKDIR is absolute (DL3000)',
    check: (model) =>
      model.stages.flatMap((stage) => stepsOf(stage, 'WORKDIR').map((step) => step.text)).filter((dir) => !dir.startsWith('/')),
  },
  {
    id: 'COPY --from names an earlier stage (DL3022), stage names are unique (DL3024)',
    check: (model) => {
      const names = stageNames(model);
      const duplicates = names.filter((name, index) => names.indexOf(name) !== index);
      const unknown = model.stages.flatMap((stage, index) =>
        stepsOf(stage, 'COPY')
          .map((copy) => copy.flags.from)
          .filter((from): from is string => from !== undefined && !names.slice(0, index).includes(from)),
      );
      return [...duplicates, ...unknown];
    },
  },
  {
    id: 'runs as a numeric non-root USER (DL3002; numeric so Kubernetes runAsNonRoot can verify it)',
    check: (model) => {
      const user = lastOf(finalStage(model), 'USER')?.text;
      return user && /^[1-9]\d*(?::\d+)?$/.test(user) ? [] : [user ?? 'no USER'];
    },
  },
  {
    id: 'HEALTHCHECK and CMD in exec form, so signals reach node and no shell is needed (DL3025)',
    check: (model) => {
      const stage = finalStage(model);
      const healthcheck = lastOf(stage, 'HEALTHCHECK');
      const cmd = lastOf(stage, 'CMD');
      return [
        ...(healthcheck && execForm(healthcheck.text) ? [] : ['HEALTHCHECK missing or in shell form']),
        ...(cmd && execForm(cmd.text) ? [] : ['CMD missing or in shell form']),
        ...(stepsOf(stage, 'ENTRYPOINT').length > 0 ? ['an ENTRYPOINT wraps the command'] : []),
      ];
    },
  },
  {
    id: 'STOPSIGNAL SIGTERM, the signal the service drains on',
    check: (model) => (lastOf(finalStage(model), 'STOPSIGNAL')?.text === 'SIGTERM' ? [] : ['no STOPSIGNAL SIGTERM']),
  },
  {
    id: 'production environment, and EXPOSE matches PORT',
    check: (model) => {
      const stage = finalStage(model);
      const env = Object.assign({}, ...stepsOf(stage, 'ENV').map((step) => step.env)) as Record<string, string>;
      const exposed = stepsOf(stage, 'EXPOSE').flatMap((step) => step.args.map((port) => port.replace(/\/tcp$/, '')));
      return [
        ...(env.NODE_ENV === 'production' ? [] : ['NODE_ENV is not production']),
        ...(exposed.includes(env.PORT) ? [] : ['EXPOSE differs from PORT']),
      ];
    },
  },
];
