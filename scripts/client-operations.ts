/**
 * libs/client/src/generated/operations.ts from openapi.json: how the client calls each operation, so
 * that its methods are built from the document and a new operation needs no hand-written code.
 */
import type {
  Method,
  OpenAPI3,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
} from 'openapi-typescript';

const METHODS: readonly Method[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Operations under this tag are the clouds' completion callbacks, called by the providers, not by apps: no method. */
const NOT_FOR_APPS = 'events';
/** The one header an app's call sets; the facade takes it as `idempotencyKey`. */
const IDEMPOTENCY_KEY = 'Idempotency-Key';

type Presence = 'none' | 'optional' | 'required';

/** An operation as the generated table describes it, with its operationId and the JSDoc of its method. */
export interface OperationRow {
  id: string;
  method: Method;
  path: string;
  pathParams: string[];
  query: Presence;
  body: Presence;
  idempotencyKey: boolean;
  public: boolean;
  /** The JSDoc of the method, line by line. */
  doc: string[];
}

/** Every operation an app calls, in the document's order. */
export function clientOperations(document: OpenAPI3): OperationRow[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, value]) => {
    const item = resolve<PathItemObject>(document, value);
    const shared = (item.parameters ?? []).map((parameter) => resolve<ParameterObject>(document, parameter));
    return Object.keys(item)
      .filter((key): key is Method => (METHODS as readonly string[]).includes(key))
      .map((method) => ({ method, operation: resolve<OperationObject>(document, item[method]!) }))
      .filter(({ operation }) => !operation.tags?.includes(NOT_FOR_APPS))
      .map(({ method, operation }) => readOperation(document, method, path, operation, shared));
  });
}

function readOperation(
  document: OpenAPI3,
  method: Method,
  path: string,
  operation: OperationObject,
  shared: ParameterObject[],
): OperationRow {
  const id = operation.operationId;
  if (!id) throw new Error(`${method.toUpperCase()} ${path} has no operationId: the client names its method after it`);
  const own = (operation.parameters ?? []).map((parameter) => resolve<ParameterObject>(document, parameter));
  // The operation's own parameter replaces the path item's of the same name and location.
  const parameters = [...shared.filter((one) => !own.some(({ name, in: where }) => name === one.name && where === one.in)), ...own];
  const unsupported = parameters.filter(({ in: where, name }) => where === 'cookie' || (where === 'header' && name !== IDEMPOTENCY_KEY));
  if (unsupported.length > 0) {
    throw new Error(`${id}: the client cannot send ${unsupported.map(({ in: where, name }) => `the ${where} ${name}`).join(', ')}`);
  }
  const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => name);
  const declared = parameters.filter((parameter) => parameter.in === 'path').map(({ name }) => name);
  if (declared.length !== pathParams.length || !pathParams.every((name) => declared.includes(name))) {
    throw new Error(`${id}: the path parameters declared (${declared.join(', ')}) are not those of ${path}`);
  }
  const query = parameters.filter((parameter) => parameter.in === 'query');
  return {
    id,
    method,
    path,
    pathParams,
    query: query.length === 0 ? 'none' : query.some(({ required }) => required) ? 'required' : 'optional',
    body: bodyPresence(document, id, operation.requestBody),
    idempotencyKey: parameters.some(({ in: where, name }) => where === 'header' && name === IDEMPOTENCY_KEY),
    public: (operation.security ?? document.security ?? []).length === 0,
    doc: documentation(document, method, path, operation, parameters),
  };
}

function bodyPresence(document: OpenAPI3, id: string, body: RequestBodyObject | ReferenceObject | undefined): Presence {
  if (body === undefined) return 'none';
  const { content, required } = resolve<RequestBodyObject>(document, body);
  const types = Object.keys(content);
  if (types.length !== 1 || types[0] !== 'application/json') {
    throw new Error(`${id}: the client sends JSON bodies only, not ${types.join(', ')}`);
  }
  return required ? 'required' : 'optional';
}

/** What an app needs at the call: the summary, the description, what a success answers, the route. */
function documentation(
  document: OpenAPI3,
  method: Method,
  path: string,
  operation: OperationObject,
  parameters: ParameterObject[],
): string[] {
  const successes = Object.entries(operation.responses ?? {})
    .filter(([status]) => /^2/.test(status))
    .map(([status, response]) => `${status}: ${resolve<ResponseObject>(document, response).description}`);
  const params = parameters
    .filter((parameter) => parameter.in === 'path')
    .map(({ name, description }) => `@param ${name} ${description ?? ''}`.trim());
  const paragraphs = [operation.summary, operation.description, successes.join('\n'), `\`${method.toUpperCase()} ${path}\``];
  const text = paragraphs.filter((paragraph) => paragraph?.trim()).join('\n\n');
  return [...text.split('\n'), ...params].map((line) => line.replaceAll('*/', '*\\/'));
}

function resolve<T extends object>(document: OpenAPI3, value: T | ReferenceObject): T {
  if (!('$ref' in value)) return value;
  const found = value.$ref
    .replace(/^#\//, '')
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, segment) => (node as Record<string, unknown> | undefined)?.[segment], document);
  if (found === undefined) throw new Error(`${value.$ref} points at nothing`);
  return resolve(document, found as T | ReferenceObject);
}

const BANNER = [
  '// Generated by `npm run client` from openapi.json. Do not edit: change the',
  '// controllers and DTOs, then run `npm run openapi` and `npm run client` (a test fails on drift).',
  '',
].join('\n');

const PREAMBLE = `/** How the client calls an operation: its methods are built from these entries. */
export interface ClientOperation {
    method: "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
    path: string;
    /** The path parameters in path order: the method's first arguments. */
    pathParams: readonly string[];
    /** The query parameters: the argument after the body. */
    query: "none" | "optional" | "required";
    /** The application/json request body: the argument after the path parameters. */
    body: "none" | "optional" | "required";
    /** Whether it takes an Idempotency-Key header (CreateCallOptions' idempotencyKey). */
    idempotencyKey: boolean;
    /** Whether it is public (\`security: []\`): no token is asked for. */
    public: boolean;
}
`;

const str = (value: string) => JSON.stringify(value);
/** A name as TypeScript takes it for a property or a tuple label. */
const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : str(name));
const label = (name: string) => name.replace(/^(?=\d)/, '_').replace(/[^\w$]+(.)?/g, (_, next?: string) => next?.toUpperCase() ?? '');

function entry(operation: OperationRow): string {
  const fields = [
    `method: ${str(operation.method)}`,
    `path: ${str(operation.path)}`,
    `pathParams: [${operation.pathParams.map(str).join(', ')}]`,
    `query: ${str(operation.query)}`,
    `body: ${str(operation.body)}`,
    `idempotencyKey: ${operation.idempotencyKey}`,
    `public: ${operation.public}`,
  ];
  const doc = operation.doc.map((line) => `     *${line ? ` ${line}` : ''}`);
  return ['    /**', ...doc, '     */', `    ${key(operation.id)}: {`, ...fields.map((field) => `        ${field},`), '    },'].join('\n');
}

/** The operations.ts that `npm run client` writes: plain data and types, the same bytes for the same document. */
export function renderClientOperations(document: OpenAPI3): string {
  const operations = clientOperations(document);
  const ids = new Set<string>();
  for (const { id } of operations) {
    if (ids.has(id)) throw new Error(`operationId ${id} is used twice`);
    ids.add(id);
  }
  const pathArguments = operations.map(
    ({ id, pathParams }) => `    ${key(id)}: [${pathParams.map((name) => `${label(name)}: string`).join(', ')}];`,
  );
  return [
    BANNER + PREAMBLE,
    '/** Every operation an app calls, by operationId (the method names), in the order of openapi.json. */',
    'export const OPERATIONS = {',
    ...operations.map(entry),
    '} as const satisfies Record<string, ClientOperation>;',
    '',
    '/** The path parameters of each operation as named arguments, in path order. */',
    'export interface PathArguments {',
    ...pathArguments,
    '}',
    '',
  ].join('\n');
}
