/**
 * What validating one kind's body costs, by the ValidationPipe and by the compiled rules (validateBody),
 * for each example of each kind with a body: µs per call, in this process, after a warm-up.
 *   node -r @swc-node/register bench/tools/validation-cost.ts
 */
import 'reflect-metadata';
import { createValidationPipe, validateBody } from '@app/common';
import { PROVIDERS } from '@app/providers';

const ROUNDS = 20_000;
const pipe = createValidationPipe();

async function microseconds(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 2_000; i++) await run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < ROUNDS; i++) await run();
  return Number(process.hrtime.bigint() - start) / 1_000 / ROUNDS;
}

async function main(): Promise<void> {
  console.log('| kind | example | ValidationPipe µs | compiled µs |\n|---|---|---:|---:|');
  for (const kind of PROVIDERS.flatMap((provider) => provider.kinds)) {
    const body = kind.route.body;
    if (!body) continue;
    for (const [name, example] of Object.entries(body.examples)) {
      const value = example.value as object;
      const piped = await microseconds(() =>
        pipe.transform(structuredClone(value), { type: 'body', metatype: body.type, data: undefined }),
      );
      const compiled = await microseconds(() => validateBody(body.type, structuredClone(value)));
      console.log(`| ${kind.spec.id} | ${name} | ${piped.toFixed(1)} | ${compiled.toFixed(1)} |`);
    }
  }
}

void main();
