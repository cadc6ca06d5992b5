export default async function globalTeardown(): Promise<void> {
  await globalThis.__TEST_REDIS__?.stop();
  globalThis.__TEST_REDIS__ = undefined;
}
