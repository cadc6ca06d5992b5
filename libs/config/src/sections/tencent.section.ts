import type { BuildContext } from '../schema';

/** Tencent Cloud VOD (2018-07-17) settings. */
export const tencentEnv = {};

/** Variables of this section holding secrets (refused as placeholders in production). */
export const tencentSecrets: string[] = [];

// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface TencentConfig {}

export function buildTencent(_ctx: BuildContext): TencentConfig {
  return {};
}
