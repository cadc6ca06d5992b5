import type { Provider, Type } from '@nestjs/common';
import type { ProviderConfigs, ProviderConfigSection } from '@app/config';
import { type CatalogEntry, ProviderCatalog } from '@app/registry';
import type { KindDefinition } from '../routes/kind-definition';
import type { MediaVerifier } from '../verification/media-verifier';

/**
 * Everything one cloud brings, in one object its folder exports (libs/providers/src/<cloud>): its
 * catalog, its configuration, its kinds and what serves them. The platform registers a list of these
 * and names none.
 */
export interface ProviderDefinition {
  /** The cloud's id: its folder's name. */
  id: string;
  /** Products, upstream APIs, event types, ids; the kinds' specs come from `kinds`. */
  catalog: Omit<CatalogEntry, 'kinds'>;
  // Each provider's section has its own shape and settings: used only through its own methods.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  config: ProviderConfigSection<any, any>;
  // Each kind has its own issuer, body and answer: the platform only hands them on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  kinds: readonly KindDefinition<any, any, any>[];
  /** Its injectables (client, repositories, loops); each kind's issuer is added. */
  providers: readonly Provider[];
  /** The controllers of its event receivers (the cloud calls them), after every provider's credential routes. */
  receivers: readonly Type<unknown>[];
  /**
   * Its part of verifying uploads (an injectable, registered by the platform): asks its API what is
   * stored under a record's ids and removes it. Without one, its completions are not confirmed.
   */
  verifier?: Type<MediaVerifier>;
  /** What the sandbox's demo page loads to upload this provider's kinds with its own browser SDKs. */
  demo?: ProviderDemo;
}

/** A file the demo page may load, served from disk under /demo/<name>. */
export interface DemoAsset {
  /** Absolute path, resolved when first served (a dev dependency may be absent outside the sandbox). */
  path(): string;
  contentType: string;
}

/**
 * A provider's part of the demo page: its SDKs' browser builds (unchanged from npm) and its uploader
 * script, which registers an uploader per kind with the page (see the page's script for the contract).
 */
export interface ProviderDemo {
  /** By the name in their URL (`/demo/<name>`), each unique across providers. */
  assets: Readonly<Record<string, DemoAsset>>;
  /** The assets the page loads as scripts, in order: the SDKs first, then the uploader script. */
  scripts: readonly string[];
}

/** The catalog of the registered providers, in their order. */
export function catalogOf(providers: readonly ProviderDefinition[]): ProviderCatalog {
  return new ProviderCatalog(providers.map((provider) => ({ ...provider.catalog, kinds: provider.kinds.map((kind) => kind.spec) })));
}

/** What loadConfig needs of the registered providers. */
export function configsOf(providers: readonly ProviderDefinition[]): ProviderConfigs {
  return { catalog: catalogOf(providers), sections: providers.map((provider) => provider.config) };
}
