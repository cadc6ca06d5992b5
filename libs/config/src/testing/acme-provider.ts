import { ProviderCatalog } from '@app/registry';
import type { ProviderConfigs } from '../provider-section';
import { int, optionalStr } from '../env';
import { defineConfigSection } from '../provider-section';

/**
 * A made-up provider for the platform's own tests: one product with a create kind, a refresh kind and
 * one upstream API whose default budget depends on a variable, as a real provider's may.
 */
const ACME = { id: 'acme-media', name: 'Acme Media', description: 'A cloud for tests.' };

const section = defineConfigSection({
  name: 'acme',
  env: {
    ACME_REGION: optionalStr(),
    ACME_TIMEOUT_MS: int(8_000, 100, 120_000),
    ACME_KEY_ID: optionalStr(),
    ACME_KEY_SECRET: optionalStr(),
    ACME_SESSION_TOKEN: optionalStr(),
    ACME_HOOK_TOKEN: optionalStr(),
  },
  secrets: ['ACME_KEY_SECRET', 'ACME_HOOK_TOKEN'],
  callbackSecrets: ['ACME_HOOK_TOKEN'],
  credentials: [{ pair: ['ACME_KEY_ID', 'ACME_KEY_SECRET'], with: ['ACME_SESSION_TOKEN'] }],
  enabledBy: 'ACME_REGION',
  build: (ctx) => {
    const { ACME_KEY_ID: id, ACME_KEY_SECRET: secret, ACME_SESSION_TOKEN: token } = ctx.env;
    if ((id === undefined) !== (secret === undefined)) ctx.problem(id === undefined ? 'ACME_KEY_ID' : 'ACME_KEY_SECRET', 'needs its pair');
    if (ctx.env.ACME_REGION !== undefined && !/^[a-z-]+$/.test(ctx.env.ACME_REGION)) ctx.problem('ACME_REGION', 'must be a region');
    const key = id !== undefined && secret !== undefined ? { id, secret, token } : undefined;
    return { region: ctx.env.ACME_REGION, timeoutMs: ctx.env.ACME_TIMEOUT_MS, key };
  },
  offered: (settings) => (settings.region && settings.key ? [ACME.id] : []),
  longestCallMs: (settings) => settings.timeoutMs,
});

export const ACME_CONFIGS: ProviderConfigs = {
  catalog: new ProviderCatalog([
    {
      products: [ACME],
      kinds: [
        { id: 'acme-media-video', product: ACME, permission: 'upload:video', quota: 50, callsUpstream: true },
        { id: 'acme-media-video-refresh', product: ACME, permission: 'upload:video', callsUpstream: true },
      ],
      upstreamApis: [{ id: 'acme-api', defaultBudget: (env) => (env.ACME_REGION === 'far-away' ? 10 : 60) }],
      eventTypes: [],
      idFields: [],
    },
  ]),
  sections: [section],
};
