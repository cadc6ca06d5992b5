import { type ProductSpec, UPSTREAM_BUDGET_SHARE as BUDGET_SHARE, type UpstreamApiSpec } from '@app/registry';
import { ICE_UPLOAD_QPS_ASSUMED, VOD_UPLOAD_QPS } from './aliyun.facts';

export const VOD: ProductSpec = {
  id: 'aliyun-vod',
  name: 'Alibaba Cloud VOD',
  description:
    'Alibaba Cloud ApsaraVideo VOD: upload address and credential for a video or audio file (refreshable), ' +
    'an image or an attached media file (watermark, subtitle, material; not refreshable).',
};

export const IMS: ProductSpec = {
  id: 'aliyun-ims',
  name: 'Alibaba Cloud IMS',
  description: 'Alibaba Cloud Intelligent Media Services (ICE): upload address and credential for a media asset (refreshable).',
};

/** The VOD API: its cap depends on the region (the configured one, or cn-shanghai). */
export const VOD_API: UpstreamApiSpec = {
  id: 'aliyun-vod',
  defaultBudget: (env) => {
    const region = env.ALIBABA_CLOUD_VOD_REGION ?? 'cn-shanghai';
    const main = VOD_UPLOAD_QPS.main.some((mainRegion) => mainRegion === region);
    return BUDGET_SHARE * (main ? VOD_UPLOAD_QPS.mainRegions : VOD_UPLOAD_QPS.otherRegions);
  },
};

/** IMS is called through the ICE API. */
export const ICE_API: UpstreamApiSpec = { id: 'aliyun-ice', defaultBudget: () => BUDGET_SHARE * ICE_UPLOAD_QPS_ASSUMED };
