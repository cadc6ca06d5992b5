import { readFileSync } from 'node:fs';

/** One module family: a label and how to tell its files by path. */
export interface Family {
  name: string;
  test: (path: string) => boolean;
}

const pkg = (...names: string[]) => {
  const patterns = names.map((name) => `/node_modules/${name}/`);
  return (path: string) => patterns.some((pattern) => path.includes(pattern));
};

/** The families the findings report, first match wins. */
export const FAMILIES: Family[] = [
  { name: '@nestjs/swagger (+ lodash, swagger-ui-dist, js-yaml)', test: pkg('@nestjs/swagger', 'lodash', 'swagger-ui-dist', 'js-yaml') },
  {
    name: '@nestjs/core, common, platform-fastify',
    test: pkg('@nestjs/core', '@nestjs/common', '@nestjs/platform-fastify', 'rxjs', 'reflect-metadata'),
  },
  {
    name: 'class-validator, class-transformer, validator',
    test: pkg('class-validator', 'class-transformer', 'validator', 'libphonenumber-js'),
  },
  {
    name: 'fastify and its plugins',
    test: (path) =>
      /\/node_modules\/(fastify|@fastify|find-my-way|light-my-request|avvio|fast-json-stringify|ajv|pino|[^/]*fastify[^/]*)\//.test(path),
  },
  { name: 'ioredis', test: pkg('ioredis', '@ioredis', 'redis-errors', 'redis-parser', 'cluster-key-slot') },
  { name: 'bullmq (+ luxon, cron-parser, msgpackr)', test: pkg('bullmq', 'msgpackr', 'cron-parser', 'luxon') },
  { name: 'undici (npm)', test: pkg('undici') },
  { name: 'Alibaba SDKs', test: (path) => path.includes('/node_modules/@alicloud/') || path.includes('/node_modules/@darabonba/') },
  { name: 'Tencent SDKs', test: pkg('tencentcloud-sdk-nodejs-vod', 'tencentcloud-sdk-nodejs-common') },
  { name: 'zod', test: pkg('zod') },
  { name: 'libs/emulator', test: (path) => path.includes('/libs/emulator/') },
  { name: 'our code (apps, libs)', test: (path) => /\/(apps|libs)\//.test(path) && !path.includes('/node_modules/') },
  { name: 'other node_modules', test: (path) => path.includes('/node_modules/') },
  { name: 'node: built-ins', test: (path) => path.startsWith('node:') },
];

export interface HeapByModule {
  totalBytes: number;
  nodes: number;
  families: { name: string; bytes: number }[];
  /** What "shared / runtime" holds, by object type (and name for V8's own objects), largest first. */
  shared: { kind: string; bytes: number }[];
  /** Retained sizes of named structures (the dominator subtree of each). */
  structures: { name: string; count: number; retainedBytes: number }[];
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/**
 * A heap snapshot's live objects by module family. Each object counts for the family of its nearest
 * dominator that belongs to a module: a function (its script's file), a script (its source text and
 * code), or the module record (`Module`, its `filename`); an object reachable from two families' code,
 * or only from Node's own roots, is "shared / runtime". Also the retained size of a few named structures.
 */
export type StructureTest = (name: string, type: string, has: (property: string) => boolean) => boolean;

export function heapByModule(file: string, structures: Record<string, StructureTest>): HeapByModule {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const { node_fields: nodeFields, edge_fields: edgeFields, node_types: nodeTypes, edge_types: edgeTypes } = snap.snapshot.meta;
  const NF = nodeFields.length;
  const EF = edgeFields.length;
  const nType = nodeFields.indexOf('type');
  const nName = nodeFields.indexOf('name');
  const nSize = nodeFields.indexOf('self_size');
  const nEdges = nodeFields.indexOf('edge_count');
  const eType = edgeFields.indexOf('type');
  const eName = edgeFields.indexOf('name_or_index');
  const eTo = edgeFields.indexOf('to_node');
  const types = nodeTypes[0];
  const edgeTypeNames = edgeTypes[0];
  const weak = edgeTypeNames.indexOf('weak');
  const shortcut = edgeTypeNames.indexOf('shortcut');
  const { nodes, edges, strings } = snap;
  const count = nodes.length / NF;

  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    firstEdge[i] = e;
    e += nodes[i * NF + nEdges] * EF;
    firstEdge[i + 1] = e;
  }
  const typeOf = (i: number) => types[nodes[i * NF + nType]];
  const nameOf = (i: number) => strings[nodes[i * NF + nName]];
  const sizeOf = (i: number) => nodes[i * NF + nSize];
  const edgeName = (e: number) => {
    const t = edgeTypeNames[edges[e + eType]];
    return t === 'element' || t === 'hidden' ? '' : strings[edges[e + eName]];
  };
  const childOf = (node: number, name: string): number | undefined => {
    for (let e = firstEdge[node]; e < firstEdge[node + 1]; e += EF) if (edgeName(e) === name) return edges[e + eTo] / NF;
    return undefined;
  };

  // Reverse postorder from the root (node 0), strong edges only.
  const order = new Int32Array(count).fill(-1);
  const post: number[] = [];
  const stack: [number, number][] = [[0, firstEdge[0]]];
  order[0] = 0;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [node, edge] = top;
    if (edge < firstEdge[node + 1]) {
      top[1] = edge + EF;
      const t = edges[edge + eType];
      if (t === weak || t === shortcut) continue;
      const to = edges[edge + eTo] / NF;
      if (order[to] === -1) {
        order[to] = 0;
        stack.push([to, firstEdge[to]]);
      }
    } else {
      post.push(node);
      stack.pop();
    }
  }
  const rpo = post.reverse();
  const index = new Int32Array(count).fill(-1);
  rpo.forEach((node, i) => (index[node] = i));
  const preds: number[][] = Array.from({ length: rpo.length }, () => []);
  for (const node of rpo) {
    for (let e = firstEdge[node]; e < firstEdge[node + 1]; e += EF) {
      const t = edges[e + eType];
      if (t === weak || t === shortcut) continue;
      const to = index[edges[e + eTo] / NF];
      if (to >= 0) preds[to].push(index[node]);
    }
  }
  // Cooper, Harvey, Kennedy: "A Simple, Fast Dominance Algorithm", on reverse-postorder indexes.
  const idom = new Int32Array(rpo.length).fill(-1);
  idom[0] = 0;
  for (let changed = true; changed;) {
    changed = false;
    for (let b = 1; b < rpo.length; b++) {
      let next = -1;
      for (const p of preds[b]) {
        if (idom[p] === -1) continue;
        if (next === -1) {
          next = p;
          continue;
        }
        let x = p;
        let y = next;
        while (x !== y) {
          while (x > y) x = idom[x];
          while (y > x) y = idom[y];
        }
        next = x;
      }
      if (next !== -1 && idom[b] !== next) {
        idom[b] = next;
        changed = true;
      }
    }
  }

  // Which reachable objects belong to a module: functions by their script, module records by filename.
  const scriptName = (script: number | undefined) => (script === undefined ? undefined : nameOf(script));
  const owner = new Int32Array(rpo.length).fill(-1);
  const familyIndex = (path: string | undefined) => (path ? FAMILIES.findIndex((family) => family.test(path)) : -1);
  for (let i = 0; i < rpo.length; i++) {
    const node = rpo[i];
    const type = typeOf(node);
    let path: string | undefined;
    if (type === 'closure') {
      const shared = childOf(node, 'shared');
      path = shared === undefined ? undefined : scriptName(childOf(shared, 'script'));
    } else if (type === 'code' && childOf(node, 'source') !== undefined) {
      // A Script: its source text and what it compiled to.
      path = nameOf(node).replace(/^file:\/\//, '');
    } else if (type === 'object' && nameOf(node) === 'Module') {
      const filename = childOf(node, 'filename');
      path = filename === undefined ? undefined : nameOf(filename);
    }
    owner[i] = familyIndex(path);
  }
  const bytes = new Array<number>(FAMILIES.length + 1).fill(0);
  const family = new Int32Array(rpo.length);
  let total = 0;
  for (let i = 0; i < rpo.length; i++) {
    // idom[i] < i in reverse postorder, so a dominator's family is known before the objects it dominates.
    family[i] = owner[i] >= 0 ? owner[i] : i === 0 ? FAMILIES.length : family[idom[i]];
    bytes[family[i]] += sizeOf(rpo[i]);
    total += sizeOf(rpo[i]);
  }

  const sharedKinds = new Map<string, number>();
  for (let i = 0; i < rpo.length; i++) {
    if (family[i] !== FAMILIES.length) continue;
    const type = typeOf(rpo[i]);
    const kind = type === 'code' || type === 'hidden' || type === 'array' || type === 'object shape' ? `${type} ${nameOf(rpo[i])}` : type;
    sharedKinds.set(kind, (sharedKinds.get(kind) ?? 0) + sizeOf(rpo[i]));
  }
  const shared = [...sharedKinds]
    .map(([kind, size]) => ({ kind, bytes: size }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 12);

  const retained = new Float64Array(rpo.length);
  for (let i = rpo.length - 1; i > 0; i--) {
    retained[i] += sizeOf(rpo[i]);
    retained[idom[i]] += retained[i];
  }
  const found = Object.entries(structures).map(([name, test]) => {
    let n = 0;
    let sum = 0;
    for (let i = 0; i < rpo.length; i++) {
      const node = rpo[i];
      if (!test(nameOf(node), typeOf(node), (property) => childOf(node, property) !== undefined)) continue;
      n += 1;
      sum += retained[i];
    }
    return { name, count: n, retainedBytes: sum };
  });
  return {
    totalBytes: total,
    nodes: rpo.length,
    families: [...FAMILIES.map((f) => f.name), 'shared / runtime']
      .map((name, i) => ({ name, bytes: bytes[i] }))
      .sort((a, b) => b.bytes - a.bytes),
    shared,
    structures: found,
  };
}
