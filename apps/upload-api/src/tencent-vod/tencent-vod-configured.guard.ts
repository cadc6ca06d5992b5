import { type CanActivate, Injectable } from '@nestjs/common';
import { ConfigService, type TencentConfig } from '@app/config';
import { tencentNotConfigured } from '@app/tencent';

export type EnabledTencentConfig = Extract<TencentConfig, { enabled: true }>;

/** The Tencent settings, or 501 when this deployment has none. */
export function requireTencent(config: ConfigService): EnabledTencentConfig {
  const tencent = config.tencent;
  if (!tencent.enabled) throw tencentNotConfigured();
  return tencent;
}

/** Answers 501 before the body is validated, so an unconfigured deployment never judges a request it cannot serve. */
@Injectable()
export class TencentVodConfiguredGuard implements CanActivate {
  constructor(private readonly config: ConfigService) {}

  canActivate(): boolean {
    requireTencent(this.config);
    return true;
  }
}
