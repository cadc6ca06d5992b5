import type { Type } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { MediaVerifier } from './media-verifier';

/**
 * The registered providers' verifiers, by the product each answers for. In the application they live in
 * their providers' modules, which import this library: they are found once the application is built
 * (`fromModules`), not injected. `of` takes them as they are (tests, tools without Nest).
 */
export class MediaVerifiers {
  private byProduct: Map<string, MediaVerifier> | undefined;

  private constructor(private readonly list: () => readonly MediaVerifier[]) {}

  /** The instances of `types` in the built application, looked up at the first use. */
  static fromModules(modules: ModuleRef, types: readonly Type<MediaVerifier>[]): MediaVerifiers {
    return new MediaVerifiers(() => types.map((type) => modules.get(type, { strict: false })));
  }

  static of(verifiers: readonly MediaVerifier[]): MediaVerifiers {
    return new MediaVerifiers(() => verifiers);
  }

  /** The verifier for a record's product, if its provider has one. */
  for(product: string): MediaVerifier | undefined {
    this.byProduct ??= new Map(this.list().flatMap((verifier) => verifier.products.map((id) => [id, verifier] as const)));
    return this.byProduct.get(product);
  }
}
