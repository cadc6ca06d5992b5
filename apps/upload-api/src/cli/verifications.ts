/**
 * The dead letters of the upload verifications (Redis only):
 *   npm run verifications -- failed [--limit N] [--json] | retry <job-id> | retry-all
 * In the image (compiled with the service): node dist/apps/upload-api/src/cli/verifications.js <command>
 */
import { readEnvironment } from '@app/config';
import { runVerificationsCli } from './verifications-cli';

void runVerificationsCli(process.argv.slice(2), readEnvironment(), process).then((code) => {
  process.exitCode = code;
});
