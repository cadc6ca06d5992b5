import type { BuildContext } from '../schema';

/** Alibaba Cloud VOD (2017-03-21) and IMS/ICE (2020-11-09) settings. */
export const aliyunEnv = {};

/** Variables of this section holding secrets (refused as placeholders in production). */
export const aliyunSecrets: string[] = [];

// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface AliyunConfig {}

export function buildAliyun(_ctx: BuildContext): AliyunConfig {
  return {};
}
