import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import { ApiError, createValidationPipe, validBody } from '@app/common';
import { PROVIDERS } from './index';

const pipe = createValidationPipe();
const kinds = PROVIDERS.flatMap((provider) => provider.kinds).filter((kind) => kind.route.body);

/** What the ValidationPipe makes of a body: the instance, or the fields of its 400. */
async function piped(dto: Type<unknown>, body: unknown): Promise<{ instance?: unknown; errors?: unknown }> {
  try {
    return { instance: await pipe.transform(structuredClone(body), { type: 'body', metatype: dto, data: undefined }) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { errors: error.details.errors };
  }
}

const propertiesOf = (dto: Type<unknown>) => [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(dto, undefined as unknown as string, false, false)
      .map((m) => m.propertyName),
  ),
];

/** Values near the valid ones: the examples' own, and what breaks them (types, signs, lengths, blanks). */
function bodies(dto: Type<unknown>, examples: readonly Record<string, unknown>[]): fc.Arbitrary<Record<string, unknown>> {
  const seen = (property: string) => examples.map((example) => example[property]).filter((value) => value !== undefined);
  const value = (property: string) =>
    fc.oneof(
      { weight: 4, arbitrary: seen(property).length > 0 ? fc.constantFrom(...seen(property)) : fc.string() },
      fc.string({ maxLength: 8 }),
      fc.constantFrom('', ' ', 'x'.repeat(300), '😀', 'a,b', 'UPPER.MP4', 'upl_3q2mD4v1Qb6xY0aZ9kLw8A'),
      fc.integer({ min: -2, max: 100 }),
      fc.constantFrom(0.5, true, null),
      fc.array(fc.constantFrom('tag', '', 'a,b', 7), { maxLength: 3 }),
    );
  const properties = propertiesOf(dto);
  const known = fc.record(Object.fromEntries(properties.map((property) => [property, value(property)])), { requiredKeys: [] });
  // An example with one field changed or dropped: near the valid space, where the two could disagree.
  const edited = fc
    .tuple(fc.constantFrom(...examples), fc.constantFrom(...properties), fc.option(fc.constantFrom(...properties).chain(value)))
    .map(([example, property, changed]) => {
      const body = { ...example };
      if (changed === null) delete body[property];
      else body[property] = changed;
      return body;
    });
  const unknown = fc.tuple(known, fc.constantFrom('surprise', 'constructor')).map(([body, key]) => ({ ...body, [key]: 1 }));
  return fc.oneof({ weight: 3, arbitrary: known }, { weight: 4, arbitrary: edited }, unknown);
}

const compiles = (dto: Type<unknown>, examples: readonly unknown[]) => examples.some((example) => validBody(dto, example) !== undefined);

describe('validBody (compiled rules) against the ValidationPipe', () => {
  it.each(kinds.map((kind) => [kind.spec.id, kind] as const))(
    '%s: whatever the compiled rules accept, the pipe accepts and makes the same instance of',
    async (_id, kind) => {
      const { type: dto, examples } = kind.route.body!;
      const values = Object.values(examples).map((example) => example.value as Record<string, unknown>);
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(bodies(dto, values), async (body) => {
          const fast = validBody(dto, structuredClone(body));
          if (fast === undefined) return;
          accepted += 1;
          const answer = await piped(dto, body);
          expect(answer.errors).toBeUndefined();
          expect(fast).toStrictEqual(answer.instance);
        }),
        { numRuns: 300 },
      );
      // A kind whose DTO compiles must have met valid bodies here, or the property above proved nothing.
      if (compiles(dto, values)) expect(accepted).toBeGreaterThan(10);
    },
  );

  it('takes the fast path for every example of the kinds whose DTO it compiles', () => {
    const compiled = kinds.filter((kind) =>
      compiles(
        kind.route.body!.type,
        Object.values(kind.route.body!.examples).map((e) => e.value),
      ),
    );
    // The others use class-transformer's decorators (@LowerCase, @Type): the pipe validates them (bench/FINDINGS.md).
    expect(compiled.map((kind) => kind.spec.id)).toEqual(['aliyun-vod-video', 'aliyun-vod-audio', 'tencent-vod-signature']);
    for (const kind of compiled) {
      for (const example of Object.values(kind.route.body!.examples)) {
        expect({ kind: kind.spec.id, fast: validBody(kind.route.body!.type, example.value) !== undefined }).toEqual({
          kind: kind.spec.id,
          fast: true,
        });
      }
    }
  });

  it('leaves to the pipe a body it does not settle: an unknown field, a broken rule, a nested object, not an object', () => {
    const dto = kinds.find((kind) => kind.spec.id === 'tencent-vod-signature')!.route.body!.type;
    expect(validBody(dto, undefined)).toBeInstanceOf(dto);
    expect(validBody(dto, { procedure: 'transcode-hd', classId: 0 })).toEqual(
      Object.assign(new dto(), { procedure: 'transcode-hd', classId: 0 }),
    );
    for (const body of [{ surprise: 1 }, { classId: -1 }, { classId: '0' }, { procedure: { a: 1 } }, [], 'x', { uploadId: 'upl_x' }]) {
      expect(validBody(dto, body)).toBeUndefined();
    }
  });
});
