import { ConfigError, type ConfigIssue } from './config.error';
import type { AppConfig } from './config.types';
import { resolveFileVariables } from './file-secrets';
import { looksLikePlaceholder } from './placeholders';
import type { BuildContext } from './build-context';
import { type Env, envSchema, KNOWN_VARIABLES, SECRET_VARIABLES } from './schema';
import { buildApp } from './sections/app.section';
import { buildAuth } from './sections/auth.section';
import { buildAliyun } from './sections/aliyun.section';
import { buildProtection } from './sections/protection.section';
import { buildStore } from './sections/store.section';
import { buildTencent } from './sections/tencent.section';
import { buildUploads } from './sections/uploads.section';
import { buildWebhooks } from './sections/webhooks.section';

/**
 * Reads and validates the whole configuration once. Throws a ConfigError that names every
 * variable at fault and the rule it breaks, never the value.
 */
export function loadConfig(rawEnv: Record<string, string | undefined>): AppConfig {
  const issues: ConfigIssue[] = [];
  const problem = (variable: string, rule: string) => issues.push({ variable, rule });
  const resolved = resolveFileVariables(rawEnv, KNOWN_VARIABLES, issues);
  const env = parseEnvironment(resolved, problem);
  const isProduction = env.NODE_ENV === 'production';
  const ctx: BuildContext<Env> = {
    env,
    isProduction,
    problem,
    read: (variable, schema) => {
      const result = schema.safeParse(resolved[variable]);
      if (result.success) return result.data;
      problem(variable, result.error.issues[0]?.message ?? 'is invalid');
      return schema.parse(undefined);
    },
  };

  if (isProduction) {
    for (const name of SECRET_VARIABLES) {
      const value = resolved[name]?.trim();
      if (value && looksLikePlaceholder(value)) {
        problem(name, 'holds a placeholder value; set a real secret in production');
      }
    }
  }

  const config: AppConfig = {
    ...buildApp(ctx),
    auth: buildAuth(ctx),
    store: buildStore(ctx),
    uploads: buildUploads(ctx),
    protection: buildProtection(ctx),
    aliyun: buildAliyun(ctx),
    tencent: buildTencent(ctx),
    webhooks: buildWebhooks(ctx),
  };
  checkIdempotencyLock(config, ctx);
  if (issues.length > 0) throw new ConfigError(issues);
  return config;
}

/**
 * The fixed-name variables, typed. A refused value is reported and then read as unset (its default),
 * so the sections still run and every problem is reported at once.
 */
function parseEnvironment(resolved: Record<string, string | undefined>, problem: (variable: string, rule: string) => void): Env {
  const parsed = envSchema.safeParse(resolved);
  if (parsed.success) return parsed.data;
  const refused = new Set<string>();
  for (const issue of parsed.error.issues) {
    const variable = String(issue.path[0] ?? '(environment)');
    refused.add(variable);
    problem(variable, issue.message);
  }
  return envSchema.parse(Object.fromEntries(Object.entries(resolved).filter(([name]) => !refused.has(name))));
}

/** Margin between the longest upstream call and the idempotency lock that guards it. */
const LOCK_MARGIN_MS = 5_000;

/**
 * An Idempotency-Key lock that expires while its request still waits on the provider would let a
 * retry through: two credentials, two quota units. So the lock outlives the longest possible call.
 */
function checkIdempotencyLock(config: AppConfig, ctx: BuildContext<Env>): void {
  const aliyunMs = config.aliyun.connectTimeoutMs + config.aliyun.readTimeoutMs;
  const tencentMs = config.tencent.enabled ? config.tencent.vod.requestTimeoutMs : 0;
  const neededMs = Math.max(aliyunMs, tencentMs) + config.protection.upstreamMaxWaitMs + LOCK_MARGIN_MS;
  if (config.protection.idempotency.lockTtlSeconds * 1000 < neededMs) {
    ctx.problem(
      'IDEMPOTENCY_LOCK_TTL_SECONDS',
      'must outlast the longest upstream call (provider timeouts plus UPSTREAM_BUDGET_MAX_WAIT_MS plus 5 s): ' +
        `at least ${Math.ceil(neededMs / 1000)} with these settings`,
    );
  }
}
