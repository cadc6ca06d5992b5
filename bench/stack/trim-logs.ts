import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tailOf } from './child-process';

/** Past this, a log is cut to its end: the service writes a line per request, hundreds of MB per run. */
const KEEP_BYTES = 1024 * 1024;

/** After a run: long logs keep their last lines only, the throwaway key file goes. */
export function trimRunDirectory(runDir: string): void {
  for (const name of readdirSync(runDir)) {
    const file = join(runDir, name);
    if (name.endsWith('.log') && statSync(file).size > KEEP_BYTES)
      writeFileSync(file, `[cut to its last lines by the bench]\n${tailOf(file, 200)}\n`);
  }
  rmSync(join(runDir, 'emulator-keys.json'), { force: true });
}
