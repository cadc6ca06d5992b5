/**
 * Summarises an allocation profile (bench/tools/allocation-probe.cjs, or any sampling heap profile): bytes
 * allocated by the allocating function, by where its code lives (a package, our libs/apps, node), and by
 * the nearest frame of our own code above the allocation (what in our code caused it).
 *   node -r @swc-node/register bench/tools/allocation-summary.ts <file.heapprofile> [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

const frameName = (node: SamplingNode) =>
  `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/(libs|apps)\//, '$1/')}:${node.callFrame.lineNumber + 1}`;

function owner(url: string): string {
  if (!url) return '(native/V8)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /\/((?:libs|apps)\/[^/]+)\//.exec(url);
  if (ours) return ours[1];
  return url.startsWith('node:') ? `node:${url.slice(5).split('/')[0]}` : url;
}

const isOurs = (url: string) => /\/(libs|apps)\//.test(url) && !url.includes('node_modules');

function main(): void {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  const top = Number(values.top);
  const root = (JSON.parse(readFileSync(positionals[0], 'utf8')) as { head: SamplingNode }).head;
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  const byOurCaller = new Map<string, number>();
  let total = 0;
  const add = (map: Map<string, number>, key: string, bytes: number) => map.set(key, (map.get(key) ?? 0) + bytes);
  const walk = (node: SamplingNode, ourCaller: string | undefined) => {
    const caller = isOurs(node.callFrame.url) ? frameName(node) : ourCaller;
    if (node.selfSize > 0) {
      total += node.selfSize;
      add(byFunction, frameName(node), node.selfSize);
      add(byOwner, owner(node.callFrame.url), node.selfSize);
      add(byOurCaller, caller ?? '(no frame of ours above)', node.selfSize);
    }
    for (const child of node.children) walk(child, caller);
  };
  walk(root, undefined);
  const print = (title: string, map: Map<string, number>) => {
    process.stdout.write(`\n${title}\n`);
    for (const [key, bytes] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(`${((100 * bytes) / total).toFixed(1).padStart(5)} %  ${(bytes / 2 ** 20).toFixed(0).padStart(6)} MB  ${key}\n`);
    }
  };
  process.stdout.write(`allocated (sampled, collected objects included): ${(total / 2 ** 20).toFixed(0)} MB\n`);
  print('by where the allocating code lives', byOwner);
  print('by allocating function', byFunction);
  print('by the nearest frame of our code above the allocation', byOurCaller);
}

main();
