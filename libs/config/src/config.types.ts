import type { AliyunConfig } from './sections/aliyun.section';
import type { TrustProxy } from './sections/app.section';
import type { ProtectionConfig } from './sections/protection.section';
import type { TencentConfig } from './sections/tencent.section';
import type { UploadsConfig } from './sections/uploads.section';

export type { AliyunConfig, ProtectionConfig, TencentConfig, UploadsConfig };

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type HmacAlgorithm = 'HS256' | 'HS384' | 'HS512';
export type AsymmetricAlgorithm =
  | 'RS256' | 'RS384' | 'RS512'
  | 'PS256' | 'PS384' | 'PS512'
  | 'ES256' | 'ES384' | 'ES512';

export type JwtKeySource =
  | { kind: 'secret'; secret: string; algorithms: HmacAlgorithm[]; generated: boolean }
  | { kind: 'publicKey'; publicKey: string; algorithms: AsymmetricAlgorithm[] }
  | { kind: 'jwks'; url: string; algorithms: AsymmetricAlgorithm[]; cacheMaxAgeMs: number; refetchIntervalMs: number; timeoutMs: number }
  /** Nothing configured outside production: the sandbox generates a development secret. */
  | { kind: 'none' };

export interface HttpConfig {
  port: number;
  host: string;
  trustProxy: TrustProxy;
  corsOrigins: string[];
  bodyLimitBytes: number;
  shutdownGraceMs: number;
}

export interface AuthConfig {
  source: JwtKeySource;
  issuer?: string;
  audience: string[];
  clockToleranceSeconds: number;
  permissions: { enabled: boolean; claim: string };
}

export type RedisConfig = {
  keyPrefix: string;
  commandTimeoutMs: number;
  connectTimeoutMs: number;
  username?: string;
  password?: string;
  tls: boolean;
} & (
  | { mode: 'standalone'; url: string }
  | { mode: 'sentinel'; sentinels: { host: string; port: number }[]; name: string }
  | { mode: 'cluster'; nodes: { host: string; port: number }[] }
);

export type StoreConfig = { kind: 'memory'; keyPrefix: string } | ({ kind: 'redis' } & RedisConfig);

export interface AppConfig {
  env: NodeEnv;
  isProduction: boolean;
  http: HttpConfig;
  log: { level: LogLevel };
  metrics: { enabled: boolean };
  docs: { enabled: boolean };
  auth: AuthConfig;
  store: StoreConfig;
  uploads: UploadsConfig;
  protection: ProtectionConfig;
  aliyun: AliyunConfig;
  tencent: TencentConfig;
}
