import { applyDecorators, Body, Headers } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, problemExample } from '@app/common';
import { ConfigService } from '@app/config';
import { type EventReceiptDto, EventReceivers, EventRoute, noSuchRoute, ProviderEvents, receiverOff } from '@app/uploads';
import { IMS, VOD } from '../aliyun.products';
import { ALIYUN_CONFIG } from '../config/aliyun.section';
import { IMS_EVENT_EXAMPLE, VOD_EVENT_EXAMPLE } from './aliyun-event-examples';
import { readImsEvent, readVodEvent } from './aliyun-events';
import { verifyCallback } from './callback-signature';

/** The two receivers: each product's callback path, header prefix and reader. */
const RECEIVERS = {
  vod: { path: '/v1/events/aliyun-vod', product: VOD.id, read: readVodEvent },
  ice: { path: '/v1/events/aliyun-ims', product: IMS.id, read: readImsEvent },
} as const;

/** A receiver's refusals: unsigned (401), or off until its AuthKey is configured (404). */
function refusals(header: 'VOD' | 'ICE', path: string) {
  return [
    problemExample(
      ApiError.unauthenticated(`The callback is not signed (X-${header}-TIMESTAMP and -SIGNATURE).`),
      'The callback is unsigned, its signature is wrong or malformed, or its timestamp too far from our clock.',
    ),
    receiverOff(path, `The receiver is off: its callback URL or AuthKey is not configured.`),
  ];
}

/** Alibaba's callback authentication headers. */
const SignedBy = (header: 'VOD' | 'ICE') =>
  applyDecorators(
    ApiHeader({ name: `X-${header}-TIMESTAMP`, required: true, description: 'Unix seconds, within EVENTS_MAX_SKEW_SECONDS of our clock.' }),
    ApiHeader({ name: `X-${header}-SIGNATURE`, required: true, description: 'Lowercase hex MD5 of `CallbackURL|timestamp|AuthKey`.' }),
  );

/** VOD and IMS HTTP callbacks: on only with an AuthKey, signed with one, their event read and applied. */
@EventReceivers()
export class AliyunEventsController {
  constructor(
    private readonly config: ConfigService,
    private readonly events: ProviderEvents,
  ) {}

  @EventRoute({
    path: 'aliyun-vod',
    operationId: 'receiveAliyunVodEvent',
    summary: 'VOD HTTP callbacks: FileUploadComplete, ImageUploadComplete, AttachedMediaUploadComplete.',
    example: VOD_EVENT_EXAMPLE,
    problems: refusals('VOD', RECEIVERS.vod.path),
  })
  @SignedBy('VOD')
  aliyunVod(@Headers() headers: IncomingHttpHeaders, @Body() body: Record<string, unknown>): Promise<EventReceiptDto> {
    return this.receive('vod', headers, body);
  }

  @EventRoute({
    path: 'aliyun-ims',
    operationId: 'receiveAliyunImsEvent',
    summary: 'IMS (ICE) callbacks: FileUploadComplete.',
    example: IMS_EVENT_EXAMPLE,
    problems: refusals('ICE', RECEIVERS.ice.path),
  })
  @SignedBy('ICE')
  aliyunIms(@Headers() headers: IncomingHttpHeaders, @Body() body: Record<string, unknown>): Promise<EventReceiptDto> {
    return this.receive('ice', headers, body);
  }

  private async receive(product: 'vod' | 'ice', headers: IncomingHttpHeaders, body: unknown): Promise<EventReceiptDto> {
    const receiver = RECEIVERS[product];
    const aliyun = this.config.section(ALIYUN_CONFIG);
    const settings = product === 'vod' ? aliyun.vod : aliyun.ims;
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
      this.events.refused(receiver.product);
      throw error;
    }
    return { outcome: await this.events.apply(receiver.read(body)) };
  }
}
