import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { kindController } from '../routes/kind-controller';
import type { ProviderDefinition } from './provider-definition';

/** A module class of its own per provider and part: Nest tells modules apart by their class. */
const moduleClass = (name: string): Type<unknown> => ({ [name]: class {} })[name];

const tokenOf = (provider: Provider) => (typeof provider === 'function' ? provider : provider.provide);

/**
 * Every registered provider's services, credential routes and event receivers, as modules for the
 * application's imports: the routes of all providers first, then the receivers, so the OpenAPI
 * document lists them that way (Nest documents the application's own imports in their order).
 */
export function providerModules(providers: readonly ProviderDefinition[]): DynamicModule[] {
  const cores = providers.map((provider): DynamicModule => {
    const verifier = provider.verifier && !provider.providers.includes(provider.verifier) ? [provider.verifier] : [];
    const injectables = [...provider.providers, ...verifier, ...new Set(provider.kinds.map((kind) => kind.issuer))];
    return { module: moduleClass(`${provider.id}ProviderModule`), providers: injectables, exports: injectables.map(tokenOf) };
  });
  const part = (suffix: string, controllers: (provider: ProviderDefinition) => Type<unknown>[]) =>
    providers.map((provider, index): DynamicModule => ({
      module: moduleClass(`${provider.id}${suffix}`),
      imports: [cores[index]],
      controllers: controllers(provider),
    }));
  return [
    ...part('RoutesModule', (provider) => provider.kinds.map((kind) => kindController(kind))),
    ...part('ReceiversModule', (provider) => [...provider.receivers]),
  ];
}
