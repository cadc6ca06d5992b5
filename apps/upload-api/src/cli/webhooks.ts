/**
 * The dead letters of the app webhooks (Redis only):
 *   npm run webhooks -- failed [--limit N] [--json] | redeliver <webhook-id> | redeliver-all
 * In the image (compiled with the service): node dist/apps/upload-api/src/cli/webhooks.js <command>
 */
import { readEnvironment } from '@app/config';
import { runWebhooksCli } from './webhooks-cli';

void runWebhooksCli(process.argv.slice(2), readEnvironment(), process).then((code) => {
  process.exitCode = code;
});
