import { readFileSync } from 'node:fs';

/**
 * The raw results `../shared/perf/compare.cjs` writes (results/compare-<time>.json): the service
 * ("ours") side by side with `peer-nest` (the mainstream NestJS stack) and `floor` (bare Fastify),
 * on the Tencent signature route and GET /healthz. Only what the report needs is read.
 */

/** s: 201 with users rotated; u: 401 forged token; r: 429 over the limit; h: GET /healthz. */
export const COMPARE_SCENARIOS = ['s', 'u', 'r', 'h'] as const;
export type CompareScenarioId = (typeof COMPARE_SCENARIOS)[number];

export const COMPARE_TARGETS = ['ours', 'peer-nest', 'floor'] as const;
export type CompareTargetName = (typeof COMPARE_TARGETS)[number];

export const COMPARE_TITLES: Record<CompareScenarioId, string> = {
  s: 'POST tencent-vod/signatures, users rotated → 201',
  u: 'POST tencent-vod/signatures, forged token → 401',
  r: 'POST tencent-vod/signatures, one user over user:1/1h → 429',
  h: 'GET /healthz → 200',
};

/** compare.cjs's defaults, at which the targets are defined. */
export const COMPARE_DEFAULTS = { rounds: 3, durationSeconds: 10, connections: 32, users: 1000 };

/** Medians over rounds of one target in one scenario; NaN where compare.cjs had none. */
export interface CompareMedians {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMicrosPerRequest: number;
  redisCpuMicrosPerRequest: number;
  peakRssMB: number;
}

/** Summed over the rounds: answers with another status than the scenario's (and socket errors), and all answers. */
export interface CompareChecks {
  rounds: number;
  responses: number;
  unexpected: number;
  /** false when VmHWM could not be reset: the peak then covers the process's life. */
  peakPerMeasurement: boolean;
}

export interface CompareRun {
  /** The results file read. */
  file: string;
  started: string;
  settings: { rounds: number; durationSeconds: number; connections: number; warmupSeconds: number; users: number; only: string[] };
  /** Node of the targets (compare.cjs checks it is 24). */
  node: string;
  machine: string;
  medians: Partial<Record<CompareScenarioId, Partial<Record<CompareTargetName, CompareMedians>>>>;
  checks: Partial<Record<CompareScenarioId, Partial<Record<CompareTargetName, CompareChecks>>>>;
  /** RSS of each "open" instance after its start, one `GET /healthz` and a second's rest (MB); NaN where absent. */
  idleRssMB: Partial<Record<CompareTargetName, number>>;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A median as JSON.stringify wrote it: a number, or null for NaN. */
function figure(value: unknown, where: string): number {
  if (value === null || value === undefined) return NaN;
  if (typeof value !== 'number') throw new Error(`${where} is not a number`);
  return value;
}

function field(object: Json, name: string, where: string): Json {
  const value = object[name];
  if (!isObject(value)) throw new Error(`${where}.${name} is missing or not an object`);
  return value;
}

const integer = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/** Reads compare.cjs's JSON (`{ started, options, node, machine, medians, results }`); throws on another shape. */
export function parseCompareResults(raw: unknown, file: string): CompareRun {
  if (!isObject(raw)) throw new Error('not a JSON object');
  const mediansJson = field(raw, 'medians', '(file)');
  const resultsJson = field(raw, 'results', '(file)');
  const options = isObject(raw.options) ? raw.options : {};
  const medians: CompareRun['medians'] = {};
  const checks: CompareRun['checks'] = {};
  for (const scenario of COMPARE_SCENARIOS) {
    const byTarget = mediansJson[scenario];
    if (byTarget === undefined) continue;
    if (!isObject(byTarget)) throw new Error(`medians.${scenario} is not an object`);
    medians[scenario] = {};
    checks[scenario] = {};
    for (const target of COMPARE_TARGETS) {
      const m = byTarget[target];
      if (m === undefined) continue;
      if (!isObject(m)) throw new Error(`medians.${scenario}.${target} is not an object`);
      const where = `medians.${scenario}.${target}`;
      medians[scenario][target] = {
        requestsPerSecond: figure(m.rps, `${where}.rps`),
        p50Ms: figure(m.p50, `${where}.p50`),
        p99Ms: figure(m.p99, `${where}.p99`),
        cpuMicrosPerRequest: figure(m.cpu, `${where}.cpu`),
        redisCpuMicrosPerRequest: figure(m.redis, `${where}.redis`),
        peakRssMB: figure(m.rss, `${where}.rss`),
      };
      const runs = isObject(resultsJson[scenario]) ? resultsJson[scenario][target] : undefined;
      if (!Array.isArray(runs)) throw new Error(`results.${scenario}.${target} is missing or not an array`);
      const rounds = runs.filter(isObject);
      checks[scenario][target] = {
        rounds: rounds.length,
        responses: rounds.reduce((sum, r) => sum + integer(r.responses, 0), 0),
        // A round without the count is not trusted: it counts as one unexpected answer.
        unexpected: rounds.reduce((sum, r) => sum + integer(r.unexpected, 1), 0),
        peakPerMeasurement: rounds.every((r) => r.peakPerMeasurement !== false),
      };
    }
  }
  if (Object.keys(medians).length === 0) throw new Error(`medians has none of the scenarios ${COMPARE_SCENARIOS.join(', ')}`);
  const idleRssMB: CompareRun['idleRssMB'] = {};
  const idleJson = isObject(raw.idleRssMB) ? raw.idleRssMB : {};
  for (const target of COMPARE_TARGETS) idleRssMB[target] = figure(idleJson[target], `idleRssMB.${target}`);
  const rounds = integer(options.ROUNDS, NaN);
  const durationSeconds = integer(options.DURATION, NaN);
  return {
    file,
    started: typeof raw.started === 'string' ? raw.started : '?',
    settings: {
      rounds,
      durationSeconds,
      connections: integer(options.CONNECTIONS, NaN),
      warmupSeconds: integer(options.WARMUP, NaN),
      users: integer(options.USERS, NaN),
      only: Array.isArray(options.ONLY) ? options.ONLY.map(String) : [],
    },
    node: typeof raw.node === 'string' ? raw.node : '?',
    machine: typeof raw.machine === 'string' ? raw.machine : '?',
    medians,
    checks,
    idleRssMB,
  };
}

export function readCompareResults(file: string): CompareRun {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} cannot be read as JSON: ${(error as Error).message}`, { cause: error });
  }
  try {
    return parseCompareResults(raw, file);
  } catch (error) {
    throw new Error(`${file} is not a compare.cjs results file: ${(error as Error).message}`, { cause: error });
  }
}

/** Whether the run used compare.cjs's defaults, at which the targets are defined; else what differs. */
export function departuresFromDefaults(run: CompareRun): string[] {
  const { settings } = run;
  const departures: string[] = [];
  if (settings.rounds !== COMPARE_DEFAULTS.rounds) departures.push(`${settings.rounds} round(s), not ${COMPARE_DEFAULTS.rounds}`);
  if (settings.durationSeconds !== COMPARE_DEFAULTS.durationSeconds)
    departures.push(`${settings.durationSeconds} s per measurement, not ${COMPARE_DEFAULTS.durationSeconds}`);
  if (settings.connections !== COMPARE_DEFAULTS.connections)
    departures.push(`${settings.connections} connections, not ${COMPARE_DEFAULTS.connections}`);
  if (settings.users !== COMPARE_DEFAULTS.users) departures.push(`${settings.users} users, not ${COMPARE_DEFAULTS.users}`);
  return departures;
}
