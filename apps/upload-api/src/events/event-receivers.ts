import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Injectable } from '@nestjs/common';
import { ApiError, ErrorCode } from '@app/common';
import { ConfigService } from '@app/config';
import type { UploadProvider } from '@app/registry';
import { readImsEvent, readVodEvent } from './aliyun-events';
import { verifyCallback } from './callback-signature';
import type { EventReceiptDto } from './dto/event-receipt.dto';
import { ProviderEvents } from './provider-events';
import { readTencentEvent } from './tencent-events';

/** A receiver that is off answers as a route that does not exist. */
const noSuchRoute = (path: string) => new ApiError(404, ErrorCode.NOT_FOUND, `No route matches POST ${path}.`);

/** Each receiver: on only with its secret, the provider's proof checked, the event read and applied. */
@Injectable()
export class EventReceivers {
  constructor(
    private readonly config: ConfigService,
    private readonly events: ProviderEvents,
  ) {}

  async aliyunVod(headers: IncomingHttpHeaders, body: unknown): Promise<EventReceiptDto> {
    const vod = this.config.aliyun.vod;
    if (!vod?.callbackUrl || vod.callbackAuthKeys.length === 0) throw noSuchRoute('/v1/events/aliyun-vod');
    this.verified('aliyun-vod', () =>
      verifyCallback(headers, { product: 'vod', callbackUrl: vod.callbackUrl!, keys: vod.callbackAuthKeys, maxSkewSeconds: this.maxSkew }),
    );
    return { outcome: await this.events.apply(readVodEvent(body)) };
  }

  async aliyunIms(headers: IncomingHttpHeaders, body: unknown): Promise<EventReceiptDto> {
    const ims = this.config.aliyun.ims;
    if (!ims?.callbackUrl || ims.callbackAuthKeys.length === 0) throw noSuchRoute('/v1/events/aliyun-ims');
    this.verified('aliyun-ims', () =>
      verifyCallback(headers, { product: 'ice', callbackUrl: ims.callbackUrl!, keys: ims.callbackAuthKeys, maxSkewSeconds: this.maxSkew }),
    );
    return { outcome: await this.events.apply(readImsEvent(body)) };
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

  private get maxSkew(): number {
    return this.config.uploads.eventsMaxSkewSeconds;
  }

  private verified(provider: UploadProvider, verify: () => void): void {
    try {
      verify();
    } catch (error) {
      this.events.refused(provider);
      throw error;
    }
  }
}

/** Constant time whatever the lengths: both sides are hashed first. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
