import { ApiProperty } from '@nestjs/swagger';

export class SandboxOssDto {
  @ApiProperty({
    description: 'The OSS stand-in: ali-oss `endpoint` (also the `Endpoint` of every UploadAddress in the sandbox).',
    example: 'http://127.0.0.1:41235',
  })
  endpoint: string;
}

export class SandboxCosDto {
  @ApiProperty({
    description: 'The COS stand-in: cos-js-sdk-v5 / cos-nodejs-sdk-v5 `Domain` (it has its scheme, so no `Protocol` is needed).',
    example: 'http://127.0.0.1:41235',
  })
  domain: string;
}

export class SandboxVodUgcDto {
  @ApiProperty({
    description: "Tencent's client upload API stand-in: where vod-js-sdk-v6's https://vod2.qcloud.com requests must go instead.",
    example: 'http://127.0.0.1:41235',
  })
  origin: string;
}

/**
 * What an upload SDK needs in the sandbox that no credential carries: where the storage stand-ins listen
 * (GET /v1/sandbox; the emulator's StorageEndpoints). Here, with the clouds, not beside the stand-ins: the
 * route is documented in every deployment, and a deployment with a cloud configured never loads the emulator.
 */
export class SandboxDto {
  @ApiProperty({ type: SandboxOssDto })
  oss: SandboxOssDto;

  @ApiProperty({ type: SandboxCosDto })
  cos: SandboxCosDto;

  @ApiProperty({ type: SandboxVodUgcDto })
  vodUgc: SandboxVodUgcDto;
}

/** What GET /v1/sandbox answers, as documented. */
export const SANDBOX_EXAMPLE = {
  oss: { endpoint: 'http://127.0.0.1:41235' },
  cos: { domain: 'http://127.0.0.1:41235' },
  vodUgc: { origin: 'http://127.0.0.1:41235' },
} satisfies SandboxDto;

/** The sandbox banner's lines on where each upload SDK reaches its stand-in. */
export function sandboxEndpointLines(endpoints: SandboxDto): string[] {
  return [
    `    ali-oss endpoint: ${endpoints.oss.endpoint} (already the UploadAddress Endpoint)`,
    `    COS SDK Domain:   ${endpoints.cos.domain}`,
    `    vod-js-sdk-v6:    send its https://vod2.qcloud.com requests to ${endpoints.vodUgc.origin}`,
  ];
}
