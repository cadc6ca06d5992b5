import { measureScenario, type MeasureOptions } from './load/measure-scenario';
import type { ServiceScenario } from './load/scenarios';
import type { Figures } from './report/figures';
import { measureSdkLoop } from './sdk-loop/measure-loop';
import type { SdkLoopProvider } from './sdk-loop/protocol';
import type { Stack } from './stack/stack';

export interface Step {
  id: string;
  run(): Promise<Figures>;
}

/**
 * The order of the run. Each bare SDK loop runs right after the service scenario it is compared
 * with, so both see the same state of a shared machine; the replay (f) runs after them.
 */
const ORDER = ['a', 'b', 'c', 'd', 'e', 'h-aliyun', 'f', 'g', 'h-tencent'];

export function plan(stack: Stack, scenarios: ServiceScenario[], options: MeasureOptions, only: string[]): Step[] {
  const byId = new Map(scenarios.map((scenario) => [scenario.id as string, scenario]));
  const loop = (provider: SdkLoopProvider): Step => ({
    id: `h-${provider}`,
    run: () => measureSdkLoop(provider, stack.emulator, { runDir: stack.runDir, concurrency: options.connections, ...options }),
  });
  const unknown = only.filter((id) => !ORDER.includes(id));
  if (unknown.length > 0) throw new Error(`unknown scenario ids: ${unknown.join(', ')} (known: ${ORDER.join(', ')})`);
  return ORDER.filter((id) => only.length === 0 || only.includes(id)).map((id) => {
    if (id === 'h-aliyun') return loop('aliyun');
    if (id === 'h-tencent') return loop('tencent');
    const scenario = byId.get(id)!;
    return { id, run: () => measureScenario(stack, scenario, options) };
  });
}
