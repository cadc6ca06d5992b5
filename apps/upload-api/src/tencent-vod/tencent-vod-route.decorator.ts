import { applyDecorators, UseGuards } from '@nestjs/common';
import { Authenticated, Permission } from '@app/auth';
import { ApiProblemResponses } from '@app/common';
import { TencentVodConfiguredGuard } from './tencent-vod-configured.guard';

/**
 * Every route: the bearer token and the video permission first (401, 403), then 501 when this
 * deployment has no Tencent Cloud, before the body is validated. Method-level on purpose: the
 * AuthGuard reads the required permission from the handler, and class guards would run first.
 */
export function TencentVodRoute(): MethodDecorator {
  return applyDecorators(Authenticated(Permission.VIDEO), UseGuards(TencentVodConfiguredGuard), ApiProblemResponses(501, 503));
}
