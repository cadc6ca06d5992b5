import { Inject, Injectable, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { MediaVerifier } from './media-verifier';

/** The verifier classes of the registered providers (ProviderDefinition.verifier). */
export const VERIFIER_TYPES = Symbol('VERIFIER_TYPES');

/**
 * The registered providers' verifiers, by the product each answers for. They live in their providers'
 * modules, which import this library: they are found once the application is built, not injected.
 */
@Injectable()
export class MediaVerifiers {
  private byProduct: Map<string, MediaVerifier> | undefined;

  constructor(
    private readonly modules: ModuleRef,
    @Inject(VERIFIER_TYPES) private readonly types: readonly Type<MediaVerifier>[],
  ) {}

  /** The verifier for a record's product, if its provider has one. */
  for(product: string): MediaVerifier | undefined {
    this.byProduct ??= new Map(
      this.types
        .map((type) => this.modules.get(type, { strict: false }))
        .flatMap((verifier) => verifier.products.map((id) => [id, verifier] as const)),
    );
    return this.byProduct.get(product);
  }
}
