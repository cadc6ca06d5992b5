import Credential, { Config as CredentialConfig } from '@alicloud/credentials';
import type { AliyunConfig } from '../config/aliyun.env';

type AliyunCredentialSource = NonNullable<AliyunConfig['credentials']>;

/** The credential chain could not produce keys (no source, metadata service down, STS refused). */
export class CredentialsUnavailableError extends Error {
  override name = 'CredentialsUnavailableError';
}

type CredentialModel = Awaited<ReturnType<Credential['getCredential']>>;

export interface CredentialProvider {
  getCredential(): Promise<CredentialModel>;
}

/**
 * The one @alicloud/credentials client of the process: our AccessKey pair (with an STS token when
 * set), or the library's default chain (env, OIDC/RRSA, profiles, ECS RAM role, credentials URI),
 * which caches and refreshes what it fetches. Failures of the chain become CredentialsUnavailableError
 * so they are told apart from the provider refusing a request.
 */
export function createCredentialProvider(source: AliyunCredentialSource): CredentialProvider {
  const credential =
    source.kind === 'accessKey'
      ? new Credential(
          new CredentialConfig({
            type: source.securityToken ? 'sts' : 'access_key',
            accessKeyId: source.accessKeyId,
            accessKeySecret: source.accessKeySecret,
            securityToken: source.securityToken,
          }),
        )
      : new Credential();
  return {
    getCredential: () =>
      credential.getCredential().catch((error: unknown) => {
        throw new CredentialsUnavailableError('no Alibaba Cloud credentials could be obtained', { cause: error });
      }),
  };
}
