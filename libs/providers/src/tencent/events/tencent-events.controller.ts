import { createHash, timingSafeEqual } from 'node:crypto';
import { Body, Param } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiParam } from '@nestjs/swagger';
import { ConfigService } from '@app/config';
import { type EventReceiptDto, EventReceivers, EventRoute, noSuchRoute, ProviderEvents, receiverOff } from '@app/uploads';
import { TENCENT_CONFIG } from '../config/tencent.section';
import { TENCENT_VOD } from '../tencent.products';
import { TENCENT_EVENT_EXAMPLE } from './tencent-event-example';
import { readTencentEvent } from './tencent-events';

const PATH = '/v1/events/tencent-vod/{token}';

/**
 * Tencent's PUSH callbacks. Tencent signs none: the secret token in the URL is the proof, compared in constant
 * time. With region profiles each region's sub-application calls with its own token (or a shared one), and an
 * event applies only to an upload of a region whose token it came with.
 */
@EventReceivers()
export class TencentEventsController {
  constructor(
    private readonly config: ConfigService,
    private readonly events: ProviderEvents,
  ) {}

  @EventRoute({
    path: 'tencent-vod/:token',
    operationId: 'receiveTencentVodEvent',
    summary: 'Tencent Cloud VOD PUSH callbacks (NewFileUpload). Tencent signs none: the URL carries TENCENTCLOUD_VOD_EVENT_TOKEN.',
    example: TENCENT_EVENT_EXAMPLE,
    problems: [receiverOff(PATH, 'No such receiver: the token is wrong, or PUSH events are off.')],
  })
  // The token is a secret: the access log shows the route, not the path.
  @RouteConfig({ secretPath: true })
  @ApiParam({ name: 'token', description: 'TENCENTCLOUD_VOD_EVENT_TOKEN; any other value is 404.' })
  async tencentVod(@Param('token') token: string, @Body() body: Record<string, unknown>): Promise<EventReceiptDto> {
    const tokens = this.pushTokens();
    // Every profile's token is compared, in constant time: which one matched says nothing to the caller.
    const regions = tokens.filter((push) => sameSecret(token, push.token)).map((push) => push.region);
    if (regions.length === 0) {
      if (tokens.length > 0) this.events.refused(TENCENT_VOD.id);
      throw noSuchRoute(PATH);
    }
    const outcome = await this.events.apply(readTencentEvent(body), { regions });
    // Another region's token: as unknown as a wrong one for this upload.
    if (outcome === 'refused') throw noSuchRoute(PATH);
    return { outcome };
  }

  /** The PUSH token of each region profile (without REGIONS, the one implicit profile) where PUSH events are on. */
  private pushTokens(): { region: string; token: string }[] {
    return this.config.regions.names.flatMap((region) => {
      const tencent = this.config.section(TENCENT_CONFIG, region);
      const events = tencent.enabled ? tencent.vod.events : undefined;
      return events?.mode === 'push' ? [{ region, token: events.token }] : [];
    });
  }
}

/** Constant time whatever the lengths: both sides are hashed first. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
