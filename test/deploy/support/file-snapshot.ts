import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Every path under `root` with its size and modification time: two equal snapshots mean nothing was written. */
export async function snapshotTree(root: string): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const info = await stat(path).catch(() => undefined);
      entries.set(path.slice(root.length), info ? `${info.size}:${info.mtimeMs}` : 'dangling');
      if (entry.isDirectory()) await walk(path);
    }
  };
  await walk(root);
  return entries;
}

export function treeChanges(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed = [...after].filter(([path, state]) => before.get(path) !== state).map(([path]) => path);
  const removed = [...before.keys()].filter((path) => !after.has(path));
  return [...changed, ...removed];
}
