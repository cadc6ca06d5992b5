import { applyDecorators, UseGuards } from '@nestjs/common';
import { Permission } from '@app/auth';
import { ApiProblemResponses } from '@app/common';
import type { UploadKind } from '@app/config';
import { ProtectedUpload } from '@app/protection';
import { TencentVodConfiguredGuard } from './tencent-vod-configured.guard';

/**
 * Every route: the bearer token and the video permission first (401, 403), the kind's rate limits
 * (429), then 501 when this deployment has no Tencent Cloud, before the body is validated.
 * Method-level on purpose, so the guards run in that order.
 */
export function TencentVodRoute(kind: UploadKind, options: { idempotent?: boolean } = {}): MethodDecorator {
  return applyDecorators(
    ProtectedUpload(kind, { permission: Permission.VIDEO, idempotent: options.idempotent }),
    UseGuards(TencentVodConfiguredGuard),
    ApiProblemResponses(501, 503),
  );
}
