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

/** Tencent's PUSH callbacks. Tencent signs none: the secret token in the URL is the proof, compared in constant time. */
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
    const tencent = this.config.section(TENCENT_CONFIG);
    const events = tencent.enabled ? tencent.vod.events : undefined;
    if (events?.mode !== 'push' || !sameSecret(token, events.token)) {
      if (events?.mode === 'push') this.events.refused(TENCENT_VOD.id);
      throw noSuchRoute(PATH);
    }
    return { outcome: await this.events.apply(readTencentEvent(body)) };
  }
}

/** Constant time whatever the lengths: both sides are hashed first. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
