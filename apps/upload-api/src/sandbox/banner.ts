import type { SandboxDto } from './dto/sandbox.dto';

export interface BannerExtras {
  token?: string;
  /** Where the upload SDKs reach the storage stand-ins. */
  endpoints?: SandboxDto;
  /** The webhook sink runs. */
  webhooks?: boolean;
  /** The sink's secret, when it was made up (shown so a receiver of one's own can verify too). */
  webhookSecret?: string;
}

/** What a developer sees after `npm start` with no configuration: what is fake, and how to try it. */
export function sandboxBanner(baseUrl: string, parts: string[], { token, endpoints, webhooks, webhookSecret }: BannerExtras = {}): string {
  const lines = ['', '  SANDBOX MODE - not for production. Running with:', ...parts.map((part) => `    - ${part}`), ''];
  if (token) {
    lines.push(
      '  Try it (this token is valid for 12 hours; mint more with `npm run token -- --sub alice`):',
      `    export TOKEN='${token}'`,
      `    curl -s ${baseUrl}/v1/me -H "authorization: Bearer $TOKEN"`,
      `    curl -s -X POST ${baseUrl}/v1/uploads/aliyun-vod/videos -H "authorization: Bearer $TOKEN" \\`,
      `      -H 'content-type: application/json' -d '{"title":"My first video","fileName":"clip.mp4"}'`,
      '',
    );
  }
  if (endpoints) {
    lines.push(
      `  Upload SDKs reach the storage stand-ins here (also GET ${baseUrl}/v1/sandbox):`,
      `    ali-oss endpoint: ${endpoints.oss.endpoint} (already the UploadAddress Endpoint)`,
      `    COS SDK Domain:   ${endpoints.cos.domain}`,
      `    vod-js-sdk-v6:    send its https://vod2.qcloud.com requests to ${endpoints.vodUgc.origin}`,
      '',
      `  Upload a file from your browser with the providers' own SDKs: ${baseUrl}/demo`,
      '',
    );
  }
  if (webhooks) {
    lines.push(
      '  Webhooks (upload.created, upload.completed...) go to the built-in sink; see them with:',
      `    curl -s ${baseUrl}/v1/sandbox/webhooks`,
    );
    if (webhookSecret) lines.push(`  signed with the generated WEBHOOK_SECRET=${webhookSecret}`);
    lines.push('');
  }
  lines.push(`  API docs: ${baseUrl}/docs`, '');
  return `${lines.join('\n')}\n`;
}
