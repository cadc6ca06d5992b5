import { ApiError } from '@app/common';
import { ConfigError, loadConfig, NO_PROVIDERS, type ProviderConfigs } from '@app/config';

/** The ApiError `call` rejects with; the test fails when it resolves, or rejects with anything else. */
export async function rejection(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** The message of the ConfigError `env` is refused with (with these providers registered); the test fails when it loads. */
export function configProblems(env: Record<string, string | undefined>, providers: ProviderConfigs = NO_PROVIDERS): string {
  try {
    loadConfig(env, providers);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected the configuration to be refused');
}
