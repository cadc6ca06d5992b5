import fc from 'fast-check';

/** The part of JSON Schema (OpenAPI 3.0) our document uses. */
export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  additionalProperties?: boolean | Schema;
}

export type Components = Record<string, Schema>;

/** Text a hostile client might send: edges of Unicode, controls, bidi overrides, lookalikes of our own syntax. */
const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '\u202e',
    'a\u200db',
    '😀',
    '../../etc/passwd',
    '__proto__',
    'constructor',
    '{"$ne":1}',
    '<script>alert(1)</script>',
    "' OR '1'='1",
    'a'.repeat(5_000),
    'é'.repeat(300),
    'D:\\video_01.mp4',
    'clip.MP4',
    'cover.jpg',
    'https://example.com/cover.png',
    '2030-01-01T00:00:00Z',
  ),
);

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, -1, 0, 1e308, -0, 2 ** 53, 1.5) },
);

function resolve(schema: Schema, components: Components): Schema {
  if (!schema.$ref) return schema;
  return resolve(components[schema.$ref.replace('#/components/schemas/', '')] ?? {}, components);
}

function stringFor(schema: Schema): fc.Arbitrary<string> {
  const max = schema.maxLength ?? 64;
  const fitting = fc.string({ unit: 'grapheme', minLength: schema.minLength ?? 0, maxLength: Math.min(max, 80) });
  const examples = schema.format === 'date-time' ? fc.date({ noInvalidDate: true }).map((date) => date.toISOString()) : fitting;
  return fc.oneof(
    { weight: 4, arbitrary: examples },
    { weight: 2, arbitrary: nastyString },
    { weight: 1, arbitrary: fc.string({ minLength: max, maxLength: max + 2 }) },
  );
}

/**
 * Values for `schema`, mostly close to valid (so requests get past the outer checks and reach the
 * services), often just outside it (lengths, bounds, enums, types), sometimes anything at all.
 */
export function arbitraryFor(schema: Schema, components: Components, depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, components);
  const variants = resolved.oneOf ?? resolved.anyOf;
  if (variants) return fc.oneof(...variants.map((variant) => arbitraryFor(variant, components, depth + 1)));
  if (resolved.allOf) {
    const merged: Schema = { type: 'object', properties: {}, required: [] };
    for (const part of resolved.allOf.map((item) => resolve(item, components))) {
      Object.assign(merged.properties!, part.properties);
      merged.required!.push(...(part.required ?? []));
    }
    return arbitraryFor(merged, components, depth);
  }
  let close: fc.Arbitrary<unknown>;
  if (resolved.enum) {
    close = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...resolved.enum) }, { weight: 1, arbitrary: nastyString });
  } else {
    switch (resolved.type) {
      case 'string':
        close = stringFor(resolved);
        break;
      case 'integer':
      case 'number': {
        const min = resolved.minimum ?? -1_000;
        const max = resolved.maximum ?? 1e12;
        close = fc.oneof(
          fc.integer({ min: Math.ceil(Math.max(min, -(2 ** 31))), max: Math.floor(Math.min(max, 2 ** 31)) }),
          fc.constantFrom(min - 1, max + 1, 0, -1, 0.5, Number.MAX_SAFE_INTEGER + 2),
        );
        break;
      }
      case 'boolean':
        close = fc.boolean();
        break;
      case 'array':
        close =
          depth > 4
            ? fc.constant([])
            : fc.array(arbitraryFor(resolved.items ?? {}, components, depth + 1), { maxLength: (resolved.maxItems ?? 4) + 2 });
        break;
      case 'object':
      default: {
        if (depth > 4 || !resolved.properties) {
          close = fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 4 });
          break;
        }
        const shape = Object.fromEntries(
          Object.entries(resolved.properties).map(([name, property]) => [name, arbitraryFor(property, components, depth + 1)]),
        );
        close = fc
          .tuple(
            fc.record(shape, { requiredKeys: resolved.required ?? [] }),
            fc.oneof(
              { weight: 8, arbitrary: fc.constant(null) },
              {
                weight: 1,
                arbitrary: fc.dictionary(fc.constantFrom('unknownField', '__proto__', 'constructor', 'x'), anyJson, { maxKeys: 2 }),
              },
            ),
          )
          .map(([known, extra]) => (extra ? Object.assign({}, known, JSON.parse(JSON.stringify(extra))) : known));
      }
    }
  }
  return fc.oneof({ weight: 12, arbitrary: close }, { weight: 1, arbitrary: anyJson });
}
