import type { RegionsConfig } from './region-profiles';

/**
 * The `region` label of the service's metrics: only with REGIONS (a bounded set, the profiles, and `none` for
 * what no region can be told of), so that without profiles every series stays exactly as it was.
 */
export function regionLabel(regions: RegionsConfig): { names: 'region'[]; of(region: string | undefined): { region?: string } } {
  if (!regions.declared) return { names: [], of: () => ({}) };
  return { names: ['region'], of: (region) => ({ region: region ?? 'none' }) };
}
