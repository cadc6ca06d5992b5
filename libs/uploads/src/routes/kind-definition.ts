import type { Type } from '@nestjs/common';
import type { Principal } from '@app/auth';
import type { KindSpec } from '@app/registry';
import type { KindRoute } from './upload-route.decorator';

/** What a credential route hands its kind: who asks, the validated body, the path's parameter, the Idempotency-Key. */
export interface KindCall<Body> {
  user: Principal;
  body: Body;
  /** The route's path parameter (a refresh's video id, a commit's upload id); empty when it takes none. */
  param: string;
  idempotencyKey?: string;
}

/**
 * Everything about one upload kind: its spec (what the platform protects and counts), its route with
 * its DTOs and OpenAPI examples, and the one function that issues it through its provider's service.
 * The platform makes the route; the provider lists the kind.
 */
export interface KindDefinition<Issuer = unknown, Body = unknown, Answer = unknown> {
  spec: KindSpec;
  route: KindRoute<Body, Answer>;
  /** The injectable that does the work (the provider registers nothing else for it). */
  issuer: Type<Issuer>;
  issue(issuer: Issuer, call: KindCall<Body>): Promise<Answer>;
}

/** A kind with its types inferred. */
export function defineKind<Issuer, Body, Answer>(kind: KindDefinition<Issuer, Body, Answer>): KindDefinition<Issuer, Body, Answer> {
  return kind;
}
