import { type SandboxDto, sandboxEndpointLines } from '../providers';

export interface BannerExtras {
  token?: string;
  /** Where the upload SDKs reach the storage stand-ins. */
  endpoints?: SandboxDto;
  /** The webhook sink runs. */
  webhooks?: boolean;
  /** The sink's secret, when it was made up (shown so a receiver of one's own can verify too). */
  webhookSecret?: string;
  /** A credential route to try, with a body it accepts. */
  example?: { path: string; body: unknown };
}

/** What a developer sees after `npm start` with no configuration: what is fake, and how to try it. */
export function sandboxBanner(
  baseUrl: string,
  parts: string[],
  { token, endpoints, webhooks, webhookSecret, example }: BannerExtras = {},
): string {
  const lines = ['', '  SANDBOX MODE - not for production. Running with:', ...parts.map((part) => `    - ${part}`), ''];
  if (token) {
    lines.push(
      '  Try it (this token is valid for 12 hours; mint more with `npm run token -- --sub alice`):',
      `    export TOKEN='${token}'`,
      `    curl -s ${baseUrl}/v1/me -H "authorization: Bearer $TOKEN"`,
      ...(example
        ? [
            `    curl -s -X POST ${baseUrl}${example.path} -H "authorization: Bearer $TOKEN" \\`,
            `      -H 'content-type: application/json' -d '${JSON.stringify(example.body)}'`,
          ]
        : []),
      '',
    );
  }
  if (endpoints) {
    lines.push(
      `  Upload SDKs reach the storage stand-ins here (also GET ${baseUrl}/v1/sandbox):`,
      ...sandboxEndpointLines(endpoints),
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
