import { measureScenario, type MeasureOptions } from './load/measure-scenario';
import { STEP_IDS } from './options';
import type { ServiceScenario } from './load/scenarios';
import type { Figures } from './report/figures';
import { measureSdkLoop } from './sdk-loop/measure-loop';
import type { SdkLoopProvider } from './sdk-loop/protocol';
import type { Stack } from './stack/stack';

export interface Step {
  id: string;
  run(): Promise<Figures>;
}

/** The ids of the steps on the bench's own stack that `only` selects (all when empty), in their order. */
export function stackStepIds(only: string[]): string[] {
  return STEP_IDS.filter((id) => id !== 'compare' && (only.length === 0 || only.includes(id)));
}

/**
 * The steps on the bench's own stack, in the order of STEP_IDS. Each bare SDK loop runs right after
 * the service scenario it is compared with, so both see the same state of a shared machine; the
 * replay (f) runs after them, the lifecycle routes (i), (j), (k) last. The side-by-side comparison
 * (`compare`) is no step of this stack: it runs its own processes once this stack is stopped.
 */
export function plan(stack: Stack, scenarios: ServiceScenario[], options: MeasureOptions, only: string[]): Step[] {
  const byId = new Map(scenarios.map((scenario) => [scenario.id as string, scenario]));
  const loop = (provider: SdkLoopProvider): Step => ({
    id: `h-${provider}`,
    run: () => measureSdkLoop(provider, stack.emulator, { runDir: stack.runDir, concurrency: options.connections, ...options }),
  });
  return stackStepIds(only).map((id) => {
    if (id === 'h-aliyun') return loop('aliyun');
    if (id === 'h-tencent') return loop('tencent');
    const scenario = byId.get(id);
    if (!scenario) throw new Error(`no service scenario (${id})`);
    return { id, run: () => measureScenario(stack, scenario, options) };
  });
}
