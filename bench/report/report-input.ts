import type { CompareOutcome } from '../compare/run-compare';
import type { BenchOptions } from '../options';
import type { Figures } from './figures';
import type { Machine } from './machine';
import type { TargetResult } from './targets';

export interface ReportInput {
  options: BenchOptions;
  machine: Machine;
  runId: string;
  figures: Figures[];
  /** Scenarios rerun on a second service process with other settings (variants.ts). */
  variantFigures: Figures[];
  servicePeakRssBytes: number | undefined;
  /** The side-by-side figures (compare.cjs), or why there are none. */
  compare: CompareOutcome;
  /** Where compare.cjs's Markdown and log went, when this run ran it. */
  compareFiles?: { markdown: string; log: string };
  elapsedSeconds: number;
}

export interface Report {
  targets: TargetResult[];
  /** The tables, for the terminal. */
  summary: string;
}
