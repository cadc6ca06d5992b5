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
import { invalidSignature, verifyCallback } from './callback-signature';

/** The two receivers: each product's callback path, header prefix, reader and documentation. */
const RECEIVERS = {
  vod: {
    path: '/v1/events/aliyun-vod',
    header: 'VOD',
    product: VOD.id,
    read: readVodEvent,
    operationId: 'receiveAliyunVodEvent',
    summary: 'VOD HTTP callbacks: FileUploadComplete, ImageUploadComplete, AttachedMediaUploadComplete.',
    example: VOD_EVENT_EXAMPLE,
  },
  ice: {
    path: '/v1/events/aliyun-ims',
    header: 'ICE',
    product: IMS.id,
    read: readImsEvent,
    operationId: 'receiveAliyunImsEvent',
    summary: 'IMS (ICE) callbacks: FileUploadComplete.',
    example: IMS_EVENT_EXAMPLE,
  },
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

/** A receiver's route: its path, documentation and refusals, and Alibaba's callback authentication headers. */
const Receiver = (product: keyof typeof RECEIVERS) => {
  const { path, header, operationId, summary, example } = RECEIVERS[product];
  return applyDecorators(
    EventRoute({ path: path.replace('/v1/events/', ''), operationId, summary, example, problems: refusals(header, path) }),
    SignedBy(header),
  );
};

/** Alibaba's callback authentication headers. */
const SignedBy = (header: 'VOD' | 'ICE') =>
  applyDecorators(
    ApiHeader({ name: `X-${header}-TIMESTAMP`, required: true, description: 'Unix seconds, within EVENTS_MAX_SKEW_SECONDS of our clock.' }),
    ApiHeader({ name: `X-${header}-SIGNATURE`, required: true, description: 'Lowercase hex MD5 of `CallbackURL|timestamp|AuthKey`.' }),
  );

/**
 * VOD and IMS HTTP callbacks: on only with an AuthKey, signed with one, their event read and applied. With
 * region profiles each region's callbacks are signed with its own callback URL and AuthKey, and an event
 * applies only to an upload of a region whose key signed it: one signed with another region's key is refused.
 */
@EventReceivers()
export class AliyunEventsController {
  constructor(
    private readonly config: ConfigService,
    private readonly events: ProviderEvents,
  ) {}

  @Receiver('vod')
  aliyunVod(@Headers() headers: IncomingHttpHeaders, @Body() body: Record<string, unknown>): Promise<EventReceiptDto> {
    return this.receive('vod', headers, body);
  }

  @Receiver('ice')
  aliyunIms(@Headers() headers: IncomingHttpHeaders, @Body() body: Record<string, unknown>): Promise<EventReceiptDto> {
    return this.receive('ice', headers, body);
  }

  private async receive(product: 'vod' | 'ice', headers: IncomingHttpHeaders, body: unknown): Promise<EventReceiptDto> {
    const receiver = RECEIVERS[product];
    const regions = this.signedFor(product, headers);
    const outcome = await this.events.apply(receiver.read(body), { regions });
    // Signed with the key of another region than the upload's: as good as unsigned for it.
    if (outcome === 'refused') throw invalidSignature();
    return { outcome };
  }

  /**
   * The region profiles whose callback URL and AuthKey sign the callback (without REGIONS, the one
   * implicit profile): 404 when no profile has the receiver on, 401 when none signs it.
   */
  private signedFor(product: 'vod' | 'ice', headers: IncomingHttpHeaders): string[] {
    const receiver = RECEIVERS[product];
    const on = this.config.regions.names.flatMap((region) => {
      const aliyun = this.config.section(ALIYUN_CONFIG, region);
      const settings = product === 'vod' ? aliyun.vod : aliyun.ims;
      const callbackUrl = settings?.callbackUrl;
      return callbackUrl && settings.callbackAuthKeys.length ? [{ region, callbackUrl, keys: settings.callbackAuthKeys }] : [];
    });
    if (on.length === 0) throw noSuchRoute(receiver.path);
    const signed: string[] = [];
    let refusal: unknown;
    for (const { region, callbackUrl, keys } of on) {
      try {
        verifyCallback(headers, { product, callbackUrl, keys, maxSkewSeconds: this.config.uploads.eventsMaxSkewSeconds });
        signed.push(region);
      } catch (error) {
        refusal ??= error;
      }
    }
    if (signed.length > 0) return signed;
    this.events.refused(receiver.product);
    throw refusal;
  }
}
