/**
 * What a provider tells the platform about itself, as plain data: its products, upload kinds,
 * upstream APIs, event types and the ids it gives uploads. The platform reads only this, never a
 * provider's name; a provider folder (libs/providers) declares one of these.
 */

/** A cloud product a deployment may offer (an upload record's `provider`); an unconfigured one answers 501. */
export interface ProductSpec {
  /** e.g. `acme-media`: the routes' path segment, the OpenAPI tag, a metrics label. */
  id: string;
  /** For people: "This deployment does not offer <name>." */
  name: string;
  /** The OpenAPI tag's description. */
  description: string;
}

/** An upload kind: what one credential route issues, and how the platform protects it. */
export interface KindSpec {
  /** e.g. `acme-media-video`: RATE_LIMIT_<ID> and DAILY_QUOTA_<ID> are named after it. */
  id: string;
  product: ProductSpec;
  /** Checked when AUTH_PERMISSIONS_ENABLED=true. */
  permission: string;
  /** Default credentials per user per UTC day; absent for kinds that issue no new upload (a refresh, a commit). */
  quota?: number;
  /** The route calls the provider's API, so it may answer the upstream problems (502, 503, 504). */
  callsUpstream: boolean;
  /** Its default rate limits are RATE_LIMIT_DEFAULT times this (a kind asked several times per upload). */
  rateLimitFactor?: number;
  /**
   * The kind's upload is a session: its owner asks again under the same uploadId (a client signature
   * before each SDK call), counted on the record, until the upload completes.
   */
  session?: boolean;
}

/** Our default share of a provider's documented QPS cap: a burst from our users never becomes provider throttling. */
export const UPSTREAM_BUDGET_SHARE = 0.75;

/** A provider API we call, with its own upstream budget (UPSTREAM_BUDGET_<ID>_PER_SECOND). */
export interface UpstreamApiSpec {
  id: string;
  /** Calls per second all replicas together make by default: below the provider's documented QPS cap. */
  defaultBudget(env: Readonly<Record<string, string | undefined>>): number;
}

/** A provider id an upload record may carry (videoId, fileId...), as the API documents it. */
export interface IdFieldSpec {
  /** The field of the record, the answers and the webhook payload. */
  name: string;
  /** "<what> id", completed with ", once known." in the webhook payload. */
  description: string;
  /** For the record as its owner reads it, and for a webhook payload. */
  examples: { upload: string; webhook: string };
}

/** What every example of an upload record and webhook shows: an upload of this provider. */
export interface SampleUpload {
  product: string;
  kind: string;
  ids: { upload: Record<string, string>; webhook: Record<string, string> };
  fileUrl: string;
}

export interface CatalogEntry {
  products: readonly ProductSpec[];
  kinds: readonly KindSpec[];
  upstreamApis: readonly UpstreamApiSpec[];
  /** The provider's event types worth a metrics label of their own. */
  eventTypes: readonly string[];
  idFields: readonly IdFieldSpec[];
  sample?: SampleUpload;
}

/** A kind's id (KindSpec.id), as routes, records and keys carry it. */
export type UploadKind = string;
/** A product's id (ProductSpec.id): an upload record's `provider`. */
export type UploadProvider = string;
/** An upstream API's id (UpstreamApiSpec.id): what its budget and log line name. */
export type UpstreamProvider = string;
/** A kind's id, or RECORDS_SCOPE. */
export type RateLimitScope = string;
