/**
 * Summarises a V8 .cpuprofile (node --cpu-prof, or `npm run bench -- --profile`): self time by
 * function, by where the code lives (a package, our libs/apps, node internals), by the package that
 * caused it (node internals and native code charged to the nearest package frame above), and inclusive
 * time of the functions that match --focus.
 *   node -r @swc-node/register bench/tools/profile-summary.ts <file.cpuprofile> [--top 30] [--focus name]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: the npm package, our lib or app, or node itself. */
function owner(url: string): string {
  if (!url) return '(native/V8)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /\/dist\/((?:libs|apps)\/[^/]+)/.exec(url) ?? /\/((?:libs|apps)\/[^/]+)\//.exec(url);
  if (ours) return ours[1];
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  return url;
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '30' }, focus: { type: 'string' } },
  });
  const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfByNode = new Map<number, number>();
  profile.samples.forEach((id, i) => selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfByNode.values()].reduce((a, b) => a + b, 0);

  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  // Node internals and native code charged to the nearest package or our code above them: who caused the cost.
  const byCauser = new Map<string, number>();
  const causer = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const who = owner(byId.get(at)!.callFrame.url);
      if (!who.startsWith('node:') && who !== '(native/V8)') return who;
    }
    return owner(byId.get(id)!.callFrame.url);
  };
  const focus = new Map<string, number>();
  for (const [id, micros] of selfByNode) {
    const frame = byId.get(id)!.callFrame;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/.*node_modules\//, '').replace(/.*\/(dist|wt-bench)\//, '')}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    byOwner.set(owner(frame.url), (byOwner.get(owner(frame.url)) ?? 0) + micros);
    byCauser.set(causer(id), (byCauser.get(causer(id)) ?? 0) + micros);
    if (values.focus) {
      // Inclusive: charge every matching ancestor once per sample.
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const f = byId.get(at)!.callFrame;
        if (f.functionName.includes(values.focus)) {
          const key = `${f.functionName} ${f.url.replace(/.*node_modules\//, '').replace(/.*\/(dist|wt-bench)\//, '')}:${f.lineNumber + 1}`;
          if (!seen.has(key)) focus.set(key, (focus.get(key) ?? 0) + micros);
          seen.add(key);
        }
      }
    }
  }
  const top = Number(values.top);
  const print = (title: string, map: Map<string, number>) => {
    process.stdout.write(`\n${title}\n`);
    for (const [key, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(`${((micros / total) * 100).toFixed(1).padStart(5)} %  ${key}\n`);
    }
  };
  process.stdout.write(`total sampled: ${(total / 1e6).toFixed(2)} s\n`);
  print('self time by owner', byOwner);
  print('self time charged to the nearest package or our code (node internals and native code included)', byCauser);
  print('self time by function', byFunction);
  if (values.focus) print(`inclusive time of functions named *${values.focus}*`, focus);
}

main();
