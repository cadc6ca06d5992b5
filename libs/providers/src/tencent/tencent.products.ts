import { type ProductSpec, UPSTREAM_BUDGET_SHARE as BUDGET_SHARE, type UpstreamApiSpec } from '@app/registry';
import { TENCENT_VOD_QPS_LIMITS } from './tencent.facts';

export const TENCENT_VOD: ProductSpec = {
  id: 'tencent-vod',
  name: 'Tencent Cloud VOD',
  description:
    'Tencent Cloud VOD: apply for an upload, upload to COS with the temporary certificate, then commit; ' +
    'or a client upload signature for vod-js-sdk-v6 and TXUGCPublish.',
};

/** Each operation's budget is set from the lowest of their caps. */
export const TENCENT_VOD_API: UpstreamApiSpec = {
  id: 'tencent-vod',
  defaultBudget: () => BUDGET_SHARE * Math.min(...Object.values(TENCENT_VOD_QPS_LIMITS)),
};
