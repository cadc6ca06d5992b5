import type { SandboxDto } from '../providers';
import type { WebhookSink } from './webhook-sink';

/** What sandbox mode started, for its routes to show; each part is absent when not running (and always outside the sandbox). */
export interface SandboxServices {
  /** Where the upload SDKs reach the emulator's storage stand-ins (GET /v1/sandbox); with the emulator only. */
  endpoints?: SandboxDto;
  /** With REGIONS: the profiles the demo page offers, and where each one's emulator keeps its stand-ins. */
  regions?: { names: readonly string[]; endpoints: Record<string, SandboxDto> };
  /** A token for any user name (and region claim), with every upload permission; absent when a real JWT issuer is configured. */
  mintToken?(userName: string, region?: string): { token: string; expiresIn: number };
  /** Expires every upload credential the emulator has issued, so an upload in flight takes its refresh path. */
  expireCredentials?(): number;
  /** Receives the webhooks when no WEBHOOK_URL is set (GET /v1/sandbox/webhooks). */
  webhookSink?: WebhookSink;
}
