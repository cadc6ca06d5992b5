import type { BenchOptions } from './options';

/** A second service process with other settings, rerunning a few scenarios: what a setting costs or saves. */
export interface Variant {
  id: string;
  title: string;
  logLevel: string;
  nodeArgs?: string[];
  scenarios: string[];
}

/** V8 heap limits: what they save in peak RSS (a target against peer-nest) and cost in CPU (FINDINGS.md); not set in production. */
export const HEAP_CAPPED_ARGS = ['--max-semi-space-size=8', '--max-old-space-size=128'];

export function variants(options: BenchOptions): Variant[] {
  const all: Variant[] = [
    {
      id: 'warn',
      title: 'LOG_LEVEL=warn: no access-log line per request',
      logLevel: 'warn',
      scenarios: ['a', 'e'],
    },
    {
      id: 'heap-capped',
      title: `V8 heap capped: node ${HEAP_CAPPED_ARGS.join(' ')}`,
      logLevel: options.logLevel,
      nodeArgs: HEAP_CAPPED_ARGS,
      scenarios: ['a', 'e'],
    },
  ];
  return all
    .filter((variant) => variant.logLevel !== options.logLevel || variant.nodeArgs)
    .map((variant) => ({ ...variant, scenarios: variant.scenarios.filter((id) => options.only.length === 0 || options.only.includes(id)) }))
    .filter((variant) => variant.scenarios.length > 0);
}
