import type { z } from 'zod';
import type { ProviderCatalog } from '@app/registry';
import type { BuildContext, EnvOf } from './build-context';

/**
 * A provider's configuration: its variables (fixed names, its own prefix), the rules, and the
 * settings they build. The platform validates every registered section with the others, so all
 * problems are reported at once; the provider reads its settings with `ConfigService.section()`.
 */
export interface ProviderConfigSection<Shape extends z.ZodRawShape = z.ZodRawShape, Settings = unknown> {
  /** Where the settings sit in the configuration: the provider's id. */
  name: string;
  env: Shape;
  /** Variables holding secrets: refused as placeholders in production. */
  secrets: readonly string[];
  /** The credentials among the variables: each one unit per region profile (none: `[]`). */
  credentials: readonly CredentialUnit[];
  /**
   * Variables that authenticate the provider's calls to us (callback keys, event tokens). Region profiles
   * sharing one accept each other's events for their uploads: warned at start (`RegionsConfig.sharedCallbackSecrets`).
   */
  callbackSecrets?: readonly string[];
  /** What turns a product on, for the warning a production start without any gives. */
  enabledBy: string;
  build(ctx: BuildContext<EnvOf<Shape>>): Settings;
  /** The products these settings offer; the others' routes answer 501. */
  offered(settings: Settings): readonly string[];
  /** The longest one call to the provider may take, in ms (0 when it is off): the idempotency lock outlasts it. */
  longestCallMs(settings: Settings): number;
}

/**
 * Variables that make one credential. A region profile that sets any of them (`<NAME>__<PROFILE>`)
 * takes none of the others from the unsuffixed settings, and one that sets a half of `pair` must set
 * the other: a profile never signs with half of another profile's key.
 */
export interface CredentialUnit {
  /** The key's id and its secret. */
  pair: readonly [string, string];
  /** What else belongs to the credential: a session token, the switch to another credential source. */
  with?: readonly string[];
}

/** A section with its types inferred from its shape and builder. */
export function defineConfigSection<Shape extends z.ZodRawShape, Settings>(
  section: ProviderConfigSection<Shape, Settings>,
): ProviderConfigSection<Shape, Settings> {
  return section;
}

/** What the configuration needs to know of the registered providers: their catalog and their sections. */
export interface ProviderConfigs {
  catalog: ProviderCatalog;
  // A list of different sections: each is used only through its own methods.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  sections: readonly ProviderConfigSection<any, any>[];
}
