import type { SandboxDto } from './dto/sandbox.dto';

/** What the sandbox lends the app: the stand-ins' endpoints and the demo page's helpers. Absent outside the sandbox. */
export interface SandboxServices {
  /** Where the upload SDKs reach the emulator's storage stand-ins (GET /v1/sandbox). */
  endpoints: SandboxDto;
  /** A token for any user name, with every upload permission; absent when a real JWT issuer is configured. */
  mintToken?(userName: string): { token: string; expiresIn: number };
  /** Expires every upload credential the emulator has issued, so an upload in flight takes its refresh path. */
  expireCredentials(): number;
}
