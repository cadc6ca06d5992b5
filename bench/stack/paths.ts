import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
/**
 * The built apps, as `npm run build` leaves them (the bench script builds first). BENCH_SERVICE_MAIN
 * points at another build of the service, for A/B comparisons of a change (never in a reported run).
 */
export const SERVICE_MAIN = process.env.BENCH_SERVICE_MAIN ?? join(ROOT, 'dist/apps/upload-api/src/main.js');
export const EMULATOR_MAIN = join(ROOT, 'dist/apps/cloud-emulator/src/main.js');
