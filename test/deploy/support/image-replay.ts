import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { chmod, copyFile, cp, mkdir, mkdtemp, readdir, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';
import { type DockerStage, type DockerfileModel, execForm, finalStage, stepsOf } from './dockerfile';
import { readDockerignore } from './dockerignore';
import { ROOT } from './repo-paths';

const run = promisify(execFile);

/** `npm ci` with every dependency (no --omit): the build stage's install. */
const FULL_INSTALL = /^npm ci\b(?!.*--omit)/;

export interface ReplayedImage {
  /** Host directory standing for the final image's root filesystem. */
  root: string;
  /** Host path of the final stage's WORKDIR. */
  workdir: string;
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[];
  user: string | undefined;
  /** The image's own `node` (/usr/local/bin/node, as in node:24-slim): a copy of this Node inside the scratch root. */
  node: string;
}

/** The image's toolchain here: this Node (24, as in node:24-slim) first in PATH, so npm and npx run under it. */
export const toolchainPath = (): string => `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;

/** Copies a context directory's files, leaving out what .dockerignore excludes. */
async function copyContextDir(source: string, target: string, contextPath: string, ignored: (path: string) => boolean): Promise<void> {
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const entryPath = posix.join(contextPath, entry.name);
    if (ignored(entryPath)) continue;
    if (entry.isDirectory()) await copyContextDir(join(source, entry.name), join(target, entry.name), entryPath, ignored);
    else await cp(join(source, entry.name), join(target, entry.name));
  }
}

class StageReplay {
  workdir = '/';
  readonly env: Record<string, string> = {};

  constructor(
    readonly stage: DockerStage,
    readonly root: string,
    private readonly stageRoots: Map<string, string>,
    private readonly ignored: (path: string) => boolean,
  ) {}

  host(containerPath: string): string {
    return join(this.root, posix.resolve(this.workdir, containerPath));
  }

  /** COPY: a directory's contents into the destination, files into it when it ends with / or there are several. */
  async copy(args: string[], from: string | undefined): Promise<void> {
    const sources = args.slice(0, -1);
    const destination = args[args.length - 1];
    const intoDirectory = destination.endsWith('/') || sources.length > 1;
    for (const source of sources) {
      const sourceRoot = from === undefined ? ROOT : this.stageRoots.get(from);
      if (sourceRoot === undefined) throw new Error(`COPY --from=${from}: no such stage before this one`);
      const hostSource = join(sourceRoot, from === undefined ? source : posix.resolve('/', source));
      if (from === undefined && this.ignored(posix.normalize(source))) throw new Error(`COPY ${source}: excluded by .dockerignore`);
      const hostTarget = intoDirectory ? join(this.host(destination), basename(source)) : this.host(destination);
      if ((await stat(hostSource)).isDirectory()) {
        if (from === undefined) await copyContextDir(hostSource, hostTarget, posix.normalize(source), this.ignored);
        // Hard links: the stage's tree as it is, without copying 200 MB of node_modules again.
        else await run('cp', ['-al', hostSource, hostTarget]).catch(() => run('cp', ['-a', hostSource, hostTarget]));
      } else {
        await mkdir(dirname(hostTarget), { recursive: true });
        await cp(hostSource, hostTarget);
      }
    }
  }

  /**
   * RUN in the stage's WORKDIR, without the npm_* variables of the `npm test` around us, and offline: npm takes
   * every package from the host's cache, which the checkout's own `npm ci` filled (the cache mount's part), so the
   * suite's time and verdict never depend on the registry. A package missing from it fails at once (ENOTCACHED).
   */
  async run(command: string): Promise<void> {
    if (FULL_INSTALL.test(command)) return this.linkRepositoryDependencies();
    const outside = Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_'));
    const env = { ...Object.fromEntries(outside), PATH: toolchainPath(), npm_config_offline: 'true', ...this.env };
    await run('sh', ['-c', command], { cwd: this.host('.'), env, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stderr?: string }) => {
      throw new Error(`RUN ${command} failed in stage ${this.stage.name ?? '(final)'}:\n${error.stderr ?? (error as Error).message}`);
    });
  }

  /**
   * The build stage's full `npm ci` installs exactly what the repository's own `npm ci` did (one lockfile), so
   * its node_modules stands in: a second 600 MB install on every test run would cost a minute on two cores.
   * The production install (`--omit=dev`), the point of the exercise, runs for real.
   */
  private async linkRepositoryDependencies(): Promise<void> {
    await symlink(join(ROOT, 'node_modules'), this.host('node_modules'));
  }

  async replay(): Promise<void> {
    for (const step of this.stage.steps) {
      if (step.keyword === 'WORKDIR') {
        this.workdir = posix.resolve(this.workdir, step.args[0]);
        await mkdir(this.host('.'), { recursive: true });
      } else if (step.keyword === 'ENV') Object.assign(this.env, step.env);
      else if (step.keyword === 'COPY') await this.copy(step.args, step.flags.from);
      else if (step.keyword === 'RUN') await this.run(step.text);
      else if (step.keyword === 'ADD') throw new Error('ADD is not replayed (and not used: COPY says what it does)');
    }
  }
}

/** The stages the final stage copies from, directly or through other stages. */
function neededStages(model: DockerfileModel): DockerStage[] {
  const byName = new Map(model.stages.filter((stage) => stage.name).map((stage) => [stage.name!, stage]));
  const needed = new Set<DockerStage>();
  const visit = (stage: DockerStage) => {
    for (const copy of stepsOf(stage, 'COPY')) {
      const from = copy.flags.from ? byName.get(copy.flags.from) : undefined;
      if (from && !needed.has(from)) {
        needed.add(from);
        visit(from);
      }
    }
  };
  visit(finalStage(model));
  return [...needed];
}

/**
 * Replays the Dockerfile without an engine: every stage in its own scratch root (COPY from the context through
 * .dockerignore, COPY --from, WORKDIR, ENV, RUN with this machine's Node 24 and npm), stages that do not depend
 * on each other in parallel as BuildKit runs them, then the final stage. What the image would run is returned, not run.
 */
export async function replayImage(model: DockerfileModel): Promise<ReplayedImage> {
  const scratch = await mkdtemp(join(tmpdir(), 'image-replay-'));
  try {
    // mkdtemp makes 0700; the image's user must reach into it.
    await chmod(scratch, 0o755);
    const final = await replayStages(model, scratch);
    const node = await installNode(final.root);
    const last = (keyword: string) => stepsOf(final.stage, keyword).pop();
    const healthcheck = last('HEALTHCHECK');
    return {
      root: final.root,
      workdir: final.host('.'),
      env: final.env,
      cmd: execForm(last('CMD')?.text ?? '') ?? [],
      healthcheck: healthcheck ? (execForm(healthcheck.text) ?? []) : [],
      user: last('USER')?.args[0],
      node,
    };
  } catch (error) {
    await removeDirectory(scratch);
    throw error;
  }
}

/** The stages the final one needs, those that do not depend on each other in parallel, then the final stage. */
async function replayStages(model: DockerfileModel, scratch: string): Promise<StageReplay> {
  const ignored = readDockerignore();
  const stageRoots = new Map<string, string>();
  const replayStage = async (stage: DockerStage, rootName: string) => {
    const replay = new StageReplay(stage, join(scratch, rootName), stageRoots, ignored);
    await mkdir(replay.root, { recursive: true, mode: 0o755 });
    await replay.replay();
    return replay;
  };
  const pending = new Set(neededStages(model));
  while (pending.size > 0) {
    const ready = [...pending].filter((stage) =>
      stepsOf(stage, 'COPY').every((copy) => !copy.flags.from || stageRoots.has(copy.flags.from)),
    );
    if (ready.length === 0) throw new Error('the build stages copy from each other in a cycle');
    await Promise.all(
      ready.map(async (stage) => {
        await replayStage(stage, stage.name!);
        stageRoots.set(stage.name!, join(scratch, stage.name!));
        pending.delete(stage);
      }),
    );
  }
  return replayStage(finalStage(model), 'image');
}

/**
 * The base image's Node: a copy of this one (Node 24, as node:24-slim has), never a link, so the image's user can run
 * it wherever the checkout lives (a clone in a private directory is out of its reach), and making the image's tree
 * read-only touches nothing of the checkout's.
 */
async function installNode(root: string): Promise<string> {
  const node = join(root, 'usr/local/bin/node');
  await mkdir(dirname(node), { recursive: true, mode: 0o755 });
  await copyFile(process.execPath, node, constants.COPYFILE_FICLONE);
  await chmod(node, 0o755);
  return node;
}

/** The tree was made read-only for the test: writable again first, then removed. */
async function removeDirectory(dir: string): Promise<void> {
  await run('chmod', ['-R', 'u+w', dir]).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}

export async function removeScratch(image: ReplayedImage | undefined): Promise<void> {
  if (image) await removeDirectory(dirname(image.root));
}
