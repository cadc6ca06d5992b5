import { Permission } from '@app/auth';
import type { UploadKind } from '@app/config';
import { ProtectedUpload } from '@app/protection';
import { TencentVodConfiguredGuard } from './tencent-vod-configured.guard';

/** Every Tencent route: the video permission, the kind's protection, 501 when this deployment has no Tencent Cloud. */
export function TencentVodRoute(kind: UploadKind, options: { idempotent?: boolean } = {}): MethodDecorator {
  return ProtectedUpload(kind, { permission: Permission.VIDEO, idempotent: options.idempotent, available: TencentVodConfiguredGuard });
}
