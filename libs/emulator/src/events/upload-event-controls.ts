import type { ControlRoute, EmulatorResponse } from '../core/provider';
import type { UploadEvents } from './upload-events';

/** `{provider, id, success?, size?}`: an Alibaba upload finished, so its callback goes out; the delivery comes back. */
export function uploadEventControls(events: UploadEvents): ControlRoute[] {
  return [
    {
      method: 'POST',
      action: 'uploads/complete',
      async handle(body): Promise<EmulatorResponse> {
        const { provider, id, success, size } = (body ?? {}) as Record<string, unknown>;
        if ((provider !== 'aliyun-vod' && provider !== 'aliyun-ims') || typeof id !== 'string') {
          return { status: 400, body: { Code: 'BadControl', Message: 'provider (aliyun-vod or aliyun-ims) and id are required' } };
        }
        const completion = {
          success: typeof success === 'boolean' ? success : undefined,
          size: typeof size === 'number' ? size : undefined,
        };
        const delivery = await events.aliyunUploadCompleted(provider, id, completion);
        return delivery
          ? { status: 200, body: delivery }
          : { status: 404, body: { Code: 'NoCallback', Message: 'no such media, or no callback URL' } };
      },
    },
  ];
}
