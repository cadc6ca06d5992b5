import { z } from 'zod';
import { ProviderCatalog } from '@app/registry';
import { ConfigError, type ConfigIssue } from './config.error';
import type { AppConfig } from './config.types';
import { resolveFileVariables } from './file-secrets';
import { looksLikePlaceholder } from './placeholders';
import type { BuildContext } from './build-context';
import type { ProviderConfigs } from './provider-section';
import { type Env, envSchema, knownVariables, secretVariables } from './schema';
import { buildApp } from './sections/app.section';
import { buildAuth } from './sections/auth.section';
import { buildProtection } from './sections/protection.section';
import { buildStore } from './sections/store.section';
import { buildUploads } from './sections/uploads.section';
import { buildWebhooks } from './sections/webhooks.section';
import { buildRegionProfiles, perProfileVariables, profileVariables, strayProfileVariables } from './regions/region-profiles';
import { buildRegionNames } from './regions/regions.section';

type Problem = (variable: string, rule: string) => void;

/** No provider registered: the platform alone (its own tests, tools that need no cloud). */
export const NO_PROVIDERS: ProviderConfigs = { catalog: new ProviderCatalog([]), sections: [] };

/**
 * Reads and validates the whole configuration once: the platform's sections and every registered
 * provider's. Throws a ConfigError that names every variable at fault and the rule it breaks, never the value.
 */
export function loadConfig(rawEnv: Record<string, string | undefined>, providers: ProviderConfigs = NO_PROVIDERS): AppConfig {
  const issues: ConfigIssue[] = [];
  const problem: Problem = (variable, rule) => issues.push({ variable, rule });
  const known = knownVariables(providers);
  const platform = resolveFileVariables(rawEnv, known, issues);
  const env = parseShape(envSchema, platform, problem);
  const isProduction = env.NODE_ENV === 'production';
  const names = buildRegionNames({ env, isProduction, problem, read: unread });
  issues.push(...strayProfileVariables(rawEnv, new Set(known), providers, names));
  const perProfile = profileVariables([...perProfileVariables(providers)], names);
  const resolved = { ...platform, ...resolveFileVariables(rawEnv, perProfile, issues) };
  const read: BuildContext<Env>['read'] = (variable, schema) => {
    const result = schema.safeParse(resolved[variable]);
    if (result.success) return result.data;
    problem(variable, result.error.issues[0]?.message ?? 'is invalid');
    return schema.parse(undefined);
  };
  const ctx: BuildContext<Env> = { env, isProduction, problem, read };

  if (isProduction) {
    const secrets = secretVariables(providers);
    for (const name of [...secrets, ...profileVariables(secrets, names)]) {
      const value = resolved[name]?.trim();
      if (value && looksLikePlaceholder(value)) {
        problem(name, 'holds a placeholder value; set a real secret in production');
      }
    }
  }

  const parse = (shape: z.ZodRawShape, values: Record<string, string | undefined>, report: Problem) =>
    parseShape(z.object(shape), values, report);
  const { regions, longestCallMs } = buildRegionProfiles({ names, providers, resolved, isProduction, parse }, issues);
  const fallback = regions.profiles[regions.default];

  const config: AppConfig = {
    ...buildApp(ctx),
    auth: buildAuth(ctx),
    store: buildStore(ctx),
    uploads: buildUploads(ctx),
    protection: buildProtection(ctx, providers.catalog, fallback.upstreamBudgets),
    webhooks: buildWebhooks(ctx),
    catalog: providers.catalog,
    regions,
    providers: fallback.providers,
    offered: fallback.offered,
    enabledBy: providers.sections.map((section) => section.enabledBy),
  };
  checkIdempotencyLock(config, longestCallMs, problem);
  if (issues.length > 0) throw new ConfigError(issues);
  return config;
}

/** The platform's fixed variables are read before the context exists: nothing there reads a named variable. */
const unread: BuildContext<unknown>['read'] = (_variable, schema) => schema.parse(undefined);

/**
 * The variables of one shape, typed. A refused value is reported and then read as unset (its default),
 * so the sections still run and every problem is reported at once.
 */
function parseShape<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  resolved: Record<string, string | undefined>,
  problem: Problem,
): z.output<z.ZodObject<Shape>> {
  const parsed = schema.safeParse(resolved);
  if (parsed.success) return parsed.data;
  const refused = new Set<string>();
  for (const issue of parsed.error.issues) {
    const variable = String(issue.path[0] ?? '(environment)');
    refused.add(variable);
    problem(variable, issue.message);
  }
  return schema.parse(Object.fromEntries(Object.entries(resolved).filter(([name]) => !refused.has(name))));
}

/** Margin between the longest upstream call and the idempotency lock that guards it. */
const LOCK_MARGIN_MS = 5_000;

/**
 * An Idempotency-Key lock that expires while its request still waits on the provider would let a
 * retry through: two credentials, two quota units. So the lock outlives the longest possible call.
 */
function checkIdempotencyLock(config: AppConfig, longestCallMs: number, problem: Problem): void {
  const neededMs = longestCallMs + config.protection.upstreamMaxWaitMs + LOCK_MARGIN_MS;
  if (config.protection.idempotency.lockTtlSeconds * 1000 < neededMs) {
    problem(
      'IDEMPOTENCY_LOCK_TTL_SECONDS',
      'must outlast the longest upstream call (provider timeouts plus UPSTREAM_BUDGET_MAX_WAIT_MS plus 5 s): ' +
        `at least ${Math.ceil(neededMs / 1000)} with these settings`,
    );
  }
}
