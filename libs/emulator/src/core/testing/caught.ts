/** What `call` rejects with, for matching its fields (an SDK's code, status…); throws when it resolves. */
export async function caught(call: Promise<unknown>): Promise<Record<string, unknown>> {
  const outcome = await call.then(
    () => ({ resolved: true as const }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) throw new Error('expected the call to fail');
  return outcome.error as Record<string, unknown>;
}
