import createClient, { type FetchResponse, type Middleware } from 'openapi-fetch';
import { OPERATIONS, type ClientOperation, type PathArguments } from './generated/operations.js';
import type { components, operations } from './generated/schema.js';

export type Schemas = components['schemas'];
/** The body of every error response (application/problem+json); switch on `code`. */
export type Problem = Schemas['ProblemDto'];
/** The body of a webhook delivery to the app's backend (verify its signature with `standardwebhooks` first). */
export type WebhookEvent = Schemas['WebhookEventDto'];

/**
 * What every call resolves to: `data` on success, otherwise `error` (the problem, typed), and always
 * the raw `response` for its status and headers (Retry-After, X-Request-Id, Idempotent-Replayed).
 * Network failures reject; HTTP errors resolve with `error`.
 */
export type ApiResult<Operation extends keyof operations> = Promise<
  FetchResponse<operations[Operation], Record<string, never>, `${string}/${string}`>
>;

type JsonBody<Operation extends keyof operations> = NonNullable<operations[Operation]['requestBody']>['content']['application/json'];
type Query<Operation extends keyof operations> = NonNullable<operations[Operation]['parameters']['query']>;

export interface UploadClientOptions {
  /** Where the service listens, e.g. `https://uploads.example.com`. */
  baseUrl: string;
  /**
   * The signed-in user's JWT, asked for before every authenticated call, so a refreshed token is
   * used as soon as the app has it. Nothing (undefined) sends no Authorization header.
   */
  getToken: () => string | undefined | Promise<string | undefined>;
  /** Default: the global fetch. Pass one to instrument requests or in tests. */
  fetch?: typeof globalThis.fetch;
}

export interface CallOptions {
  /** Cancels the request, e.g. when the upload form is closed. */
  signal?: AbortSignal;
}

export interface CreateCallOptions extends CallOptions {
  /**
   * Makes a retry safe: make one per upload (`crypto.randomUUID()`) and send the same key when
   * retrying it; the service then answers with the first credential instead of issuing another.
   */
  idempotencyKey?: string;
}

type Operations = typeof OPERATIONS;
/** An operation an app calls: the name of its method. */
export type OperationId = keyof Operations;

/** No argument, an optional one or a required one, as the operation's table entry says. */
type Argument<Presence extends ClientOperation['body'], Required extends [unknown]> = {
  none: [];
  optional: Partial<Required>;
  required: Required;
}[Presence];

/** A method's arguments: path parameters in path order, the JSON body, the query, the call options. */
type Arguments<Id extends OperationId> = [
  ...PathArguments[Id],
  ...Argument<Operations[Id]['body'], [body: JsonBody<Id>]>,
  ...Argument<Operations[Id]['query'], [query: Query<Id>]>,
  call?: Operations[Id]['idempotencyKey'] extends true ? CreateCallOptions : CallOptions,
];

/**
 * The service's routes, one method per operation, named by its operationId and documented by its
 * summary (hover a method), e.g. `getUpload(uploadId, call?)` or `listUploads(query?, call?)`.
 */
export type UploadClient = { -readonly [Id in keyof Operations]: (...args: Arguments<Id>) => ApiResult<Id> };

export type UploadQuery = Query<'listUploads'>;

/** Sets `Authorization: Bearer <token>` from the provider, per request. */
function bearerToken(getToken: UploadClientOptions['getToken']): Middleware {
  return {
    async onRequest({ request }) {
      const token = await getToken();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  };
}

/** openapi-fetch's `request` as the table calls it; each method's type above says what it takes and answers. */
interface Sender {
  request(method: ClientOperation['method'], path: string, init: object): Promise<unknown>;
}

/** One call: the method's positional arguments read as the operation's entry says. */
function send(sender: Sender, operation: ClientOperation, args: unknown[]): Promise<unknown> {
  const path = Object.fromEntries(operation.pathParams.map((name, index) => [name, args[index]]));
  const rest = args.slice(operation.pathParams.length);
  const body = operation.body === 'none' ? undefined : rest.shift();
  const query = operation.query === 'none' ? undefined : rest.shift();
  const { signal, idempotencyKey } = (rest.shift() ?? {}) as CreateCallOptions;
  const header = operation.idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined;
  return sender.request(operation.method, operation.path, { params: { path, query, header }, body, signal });
}

/** A typed client of the upload credentials BFF for web apps, over openapi-fetch, with a method per operation of openapi.json. */
export function createUploadClient(options: UploadClientOptions): UploadClient {
  const base = { baseUrl: options.baseUrl, fetch: options.fetch };
  // Public operations (`security: []`: the probes and the sandbox endpoints) never ask for a token.
  const anonymous = createClient(base);
  const authenticated = createClient(base);
  authenticated.use(bearerToken(options.getToken));

  const table: Record<string, ClientOperation> = OPERATIONS;
  const methods = Object.entries(table).map(([id, operation]) => {
    const sender = (operation.public ? anonymous : authenticated) as unknown as Sender;
    return [id, (...args: unknown[]) => send(sender, operation, args)];
  });
  return Object.fromEntries(methods) as UploadClient;
}
