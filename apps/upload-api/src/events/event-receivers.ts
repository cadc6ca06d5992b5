import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Injectable } from '@nestjs/common';
import { ApiError, ErrorCode } from '@app/common';
import { ConfigService } from '@app/config';
import { readImsEvent, readVodEvent } from './aliyun-events';
import { verifyCallback } from './callback-signature';
import type { EventReceiptDto } from './dto/event-receipt.dto';
import { ProviderEvents } from './provider-events';
import { readTencentEvent } from './tencent-events';

const ALIYUN_RECEIVERS = {
  vod: { path: '/v1/events/aliyun-vod', provider: 'aliyun-vod', read: readVodEvent },
  ice: { path: '/v1/events/aliyun-ims', provider: 'aliyun-ims', read: readImsEvent },
} as const;

/** A receiver that is off answers as a route that does not exist. */
const noSuchRoute = (path: string) => new ApiError(404, ErrorCode.NOT_FOUND, `No route matches POST ${path}.`);

/** Each receiver: on only with its secret, the provider's proof checked, the event read and applied. */
@Injectable()
export class EventReceivers {
  constructor(
    private readonly config: ConfigService,
    private readonly events: ProviderEvents,
  ) {}

  /** A VOD (`vod`) or IMS (`ice`) callback: on with an AuthKey, signed with one, its event read and applied. */
  async aliyun(product: 'vod' | 'ice', headers: IncomingHttpHeaders, body: unknown): Promise<EventReceiptDto> {
    const receiver = ALIYUN_RECEIVERS[product];
    const settings = product === 'vod' ? this.config.aliyun.vod : this.config.aliyun.ims;
    const callbackUrl = settings?.callbackUrl;
    if (!callbackUrl || !settings.callbackAuthKeys.length) throw noSuchRoute(receiver.path);
    try {
      verifyCallback(headers, {
        product,
        callbackUrl,
        keys: settings.callbackAuthKeys,
        maxSkewSeconds: this.config.uploads.eventsMaxSkewSeconds,
      });
    } catch (error) {
      this.events.refused(receiver.provider);
      throw error;
    }
    return { outcome: await this.events.apply(receiver.read(body)) };
  }

  /** Tencent signs no PUSH callback: the secret token in the URL is the proof, compared in constant time. */
  async tencentVod(token: string, body: unknown): Promise<EventReceiptDto> {
    const tencent = this.config.tencent;
    const events = tencent.enabled ? tencent.vod.events : undefined;
    if (events?.mode !== 'push' || !sameSecret(token, events.token)) {
      if (events?.mode === 'push') this.events.refused('tencent-vod');
      throw noSuchRoute('/v1/events/tencent-vod/{token}');
    }
    return { outcome: await this.events.apply(readTencentEvent(body)) };
  }
}

/** Constant time whatever the lengths: both sides are hashed first. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
