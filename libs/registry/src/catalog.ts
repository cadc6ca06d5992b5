import type { CatalogEntry, IdFieldSpec, KindSpec, ProductSpec, SampleUpload, UpstreamApiSpec } from './catalog.types';

/** What a rate limit can be declared for besides the upload kinds: the upload records (reads, listing, revoking). */
export const RECORDS_SCOPE = 'upload-records';

/**
 * Every registered provider's catalog, merged and indexed: what the platform iterates over (config
 * variables, OpenAPI, metrics labels, the demo page). Built once at start from the provider list.
 */
export class ProviderCatalog {
  readonly products: readonly ProductSpec[];
  readonly kinds: readonly KindSpec[];
  readonly upstreamApis: readonly UpstreamApiSpec[];
  readonly eventTypes: readonly string[];
  readonly idFields: readonly IdFieldSpec[];
  /** The upload every example shows: the first provider's. */
  readonly sample: SampleUpload | undefined;
  private readonly kindsById: ReadonlyMap<string, KindSpec>;
  private readonly productsById: ReadonlyMap<string, ProductSpec>;

  constructor(entries: readonly CatalogEntry[]) {
    this.products = entries.flatMap((entry) => entry.products);
    this.kinds = entries.flatMap((entry) => entry.kinds);
    this.upstreamApis = entries.flatMap((entry) => entry.upstreamApis);
    this.eventTypes = [...new Set(entries.flatMap((entry) => entry.eventTypes))];
    this.idFields = uniqueBy(
      entries.flatMap((entry) => entry.idFields),
      (field) => field.name,
    );
    this.sample = entries.find((entry) => entry.sample)?.sample;
    this.kindsById = indexed(this.kinds, 'kind');
    this.productsById = indexed(this.products, 'product');
    indexed(this.upstreamApis, 'upstream API');
  }

  kind(id: string): KindSpec | undefined {
    return this.kindsById.get(id);
  }

  product(id: string): ProductSpec | undefined {
    return this.productsById.get(id);
  }

  get productIds(): string[] {
    return this.products.map((product) => product.id);
  }

  get kindIds(): string[] {
    return this.kinds.map((kind) => kind.id);
  }

  /** Every permission a kind asks for, once each, in declaration order. */
  get permissions(): string[] {
    return [...new Set(this.kinds.map((kind) => kind.permission))];
  }

  /** The kinds' ids and the records' scope: everything RATE_LIMIT_<SCOPE> may name. */
  get rateLimitScopes(): string[] {
    return [...this.kindIds, RECORDS_SCOPE];
  }

  /** How many times RATE_LIMIT_DEFAULT a scope gets when its own variable is unset (apps may poll records: twice). */
  rateLimitFactor(scope: string): number {
    return scope === RECORDS_SCOPE ? 2 : (this.kind(scope)?.rateLimitFactor ?? 1);
  }
}

/** Ids are the catalog's keys: two providers declaring the same one is a programming error. */
function indexed<T extends { id: string }>(items: readonly T[], what: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.id)) throw new Error(`two providers declare the ${what} ${item.id}`);
    map.set(item.id, item);
  }
  return map;
}

/** Id fields may be shared (two providers both say videoId): the first declaration documents it. */
function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)));
}
