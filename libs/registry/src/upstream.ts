import { ICE_UPLOAD_QPS_ASSUMED, VOD_UPLOAD_QPS } from './aliyun.facts';
import { TENCENT_VOD_QPS_LIMITS } from './tencent.facts';

/** The provider APIs we call, by API product (Alibaba IMS is the ICE API), each with its own upstream budget. */
export const UPSTREAM_PROVIDERS = ['aliyun-vod', 'aliyun-ice', 'tencent-vod'] as const;
export type UpstreamProvider = (typeof UPSTREAM_PROVIDERS)[number];

/** Our default share of a provider's documented QPS cap: a burst from our users never becomes provider throttling. */
export const UPSTREAM_BUDGET_SHARE = 0.75;

/**
 * Calls per second our replicas together make to a provider by default. Alibaba VOD's cap depends on
 * the region (`vodRegion`, the configured one or cn-shanghai); Tencent's operations share the lower cap.
 */
export function defaultUpstreamBudget(provider: UpstreamProvider, vodRegion = 'cn-shanghai'): number {
  switch (provider) {
    case 'aliyun-vod': {
      const main = VOD_UPLOAD_QPS.main.some((region) => region === vodRegion);
      return UPSTREAM_BUDGET_SHARE * (main ? VOD_UPLOAD_QPS.mainRegions : VOD_UPLOAD_QPS.otherRegions);
    }
    case 'aliyun-ice':
      return UPSTREAM_BUDGET_SHARE * ICE_UPLOAD_QPS_ASSUMED;
    case 'tencent-vod':
      return UPSTREAM_BUDGET_SHARE * Math.min(TENCENT_VOD_QPS_LIMITS.ApplyUpload, TENCENT_VOD_QPS_LIMITS.CommitUpload);
  }
}
