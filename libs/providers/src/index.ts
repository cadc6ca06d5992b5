import type { ProviderDefinition } from '@app/uploads';
import { ALIYUN_PROVIDER } from './aliyun';
import { TENCENT_PROVIDER } from './tencent';

/**
 * The clouds this service offers, each one folder (./<cloud>/) that says everything about it. The
 * platform iterates over this list and names none; a new cloud is a new folder and one entry here.
 */
export const PROVIDERS: readonly ProviderDefinition[] = [ALIYUN_PROVIDER, TENCENT_PROVIDER];

// The answer of the sandbox's GET /v1/sandbox, documented in every deployment.
export * from './sandbox.dto';

// Each cloud's parts, for tests and the emulator's cross-checks: the service itself reads only PROVIDERS (and the sandbox's DTO).
export * as aliyun from './aliyun';
export * as tencent from './tencent';
