import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../stack/paths';
import { type CompareRun, readCompareResults } from './compare-results';

/** The side-by-side driver and its references, next to the repository (not part of it). */
export const PERF_DIR = join(ROOT, '..', 'shared', 'perf');
export const COMPARE_SCRIPT = join(PERF_DIR, 'compare.cjs');
const RESULTS_DIR = join(PERF_DIR, 'results');

/** Where the report's side-by-side figures come from, or why there are none. */
export type CompareOutcome =
  { measured: true; run: CompareRun; source: 'run' | 'file'; exitCode?: number } | { measured: false; reason: string };

/** compare.cjs's settings; unset ones keep its defaults (the ones the targets are defined at). */
export interface CompareSettings {
  rounds?: number;
  durationSeconds?: number;
  connections?: number;
}

/** Why compare.cjs cannot run here, or undefined when it can. */
export function compareUnavailable(): string | undefined {
  const shown = relative(ROOT, PERF_DIR);
  if (!existsSync(COMPARE_SCRIPT)) return `${shown}/compare.cjs is not next to the repository`;
  if (!existsSync(join(PERF_DIR, 'node_modules'))) return `${shown}/node_modules is missing (npm ci there)`;
  if (!existsSync(join(PERF_DIR, 'peer-nest', 'dist', 'main.js'))) return `${shown}/peer-nest is not built (npm run build there)`;
  return undefined;
}

const resultFiles = () => (existsSync(RESULTS_DIR) ? readdirSync(RESULTS_DIR).filter((name) => /^compare-.*\.json$/.test(name)) : []);

/** Variables of compare.cjs that the bench sets itself (or leaves to its defaults), never inherits. */
const OWN_VARIABLES = ['ROUNDS', 'DURATION', 'CONNECTIONS', 'WARMUP', 'USERS', 'ONLY', 'PROJECT', 'NODE_BIN'];

/**
 * Runs `../shared/perf/compare.cjs` on this checkout's build (PROJECT=ROOT), with the Node that runs
 * the bench; its targets run on the `node` package of this checkout, the same Node 24. Its progress
 * goes to the terminal and to `compare.log`, its Markdown to `compare.md` in the run directory; the
 * results JSON it wrote (the newest new file in its results/) is read.
 */
export async function runCompare(settings: CompareSettings, runDir: string): Promise<CompareOutcome> {
  const unavailable = compareUnavailable();
  if (unavailable) return { measured: false, reason: unavailable };
  const before = new Set(resultFiles());
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !OWN_VARIABLES.includes(name)) env[name] = value;
  env.PROJECT = ROOT;
  if (settings.rounds !== undefined) env.ROUNDS = String(settings.rounds);
  if (settings.durationSeconds !== undefined) env.DURATION = String(settings.durationSeconds);
  if (settings.connections !== undefined) env.CONNECTIONS = String(settings.connections);

  const child = spawn(process.execPath, [COMPARE_SCRIPT], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // SIGTERM, not SIGKILL: compare.cjs then stops the servers and the Redis it started.
  const stopOnExit = () => child.exitCode === null && child.signalCode === null && child.kill('SIGTERM');
  process.once('exit', stopOnExit);
  const markdown = createWriteStream(join(runDir, 'compare.md'));
  const log = createWriteStream(join(runDir, 'compare.log'));
  child.stdout.pipe(markdown);
  const lastLines: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    log.write(`${line}\n`);
    process.stdout.write(`  compare: ${line}\n`);
    lastLines.push(line);
    if (lastLines.length > 5) lastLines.shift();
  });
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  process.removeListener('exit', stopOnExit);
  markdown.end();
  log.end();

  const written = resultFiles()
    .filter((name) => !before.has(name))
    .sort();
  // 0: every answer as expected; 2: some were not (the figures are written and the report says so).
  if ((exitCode !== 0 && exitCode !== 2) || written.length === 0) {
    const why = exitCode === 0 || exitCode === 2 ? 'wrote no results file' : `exited with ${exitCode}`;
    return { measured: false, reason: `compare.cjs ${why} (${lastLines.at(-1) ?? 'no output'}; see ${join(runDir, 'compare.log')})` };
  }
  try {
    return { measured: true, run: readCompareResults(join(RESULTS_DIR, written.at(-1)!)), source: 'run', exitCode };
  } catch (error) {
    return { measured: false, reason: (error as Error).message };
  }
}
