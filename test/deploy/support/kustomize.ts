import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { readEnvFile } from './env-files';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface ConfigMapGenerator {
  name: string;
  behavior?: 'create' | 'merge' | 'replace';
  envs?: string[];
  files?: string[];
  options?: { labels?: Record<string, string> };
}

interface Kustomization {
  namespace?: string;
  resources?: string[];
  configMapGenerator?: ConfigMapGenerator[];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
}

/** What this stand-in for `kustomize build` implements; a kustomization using more fails the tests instead of being half-read. */
const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'configMapGenerator', 'images']);

export function readKustomization(dir: string): Kustomization {
  const kustomization = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as Record<string, unknown>;
  const unsupported = Object.keys(kustomization).filter((field) => !SUPPORTED_FIELDS.has(field));
  if (unsupported.length > 0)
    throw new Error(`${dir}/kustomization.yaml uses ${unsupported.join(', ')}, which the test's kustomize stand-in does not apply`);
  return kustomization;
}

function generateConfigMap(dir: string, generator: ConfigMapGenerator): K8sObject {
  const data: Record<string, string> = {};
  for (const envFile of generator.envs ?? []) Object.assign(data, readEnvFile(join(dir, envFile)));
  for (const file of generator.files ?? []) data[basename(file)] = readFileSync(join(dir, file), 'utf8');
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: generator.name, labels: generator.options?.labels }, data };
}

function setImages(objects: K8sObject[], images: NonNullable<Kustomization['images']>): void {
  for (const object of objects) {
    const containers =
      (object as { spec?: { template?: { spec?: { containers?: { image: string }[] } } } }).spec?.template?.spec?.containers ?? [];
    for (const container of containers) {
      const image = images.find((entry) => entry.name === container.image.split(/[:@]/)[0]);
      if (!image) continue;
      const name = image.newName ?? image.name;
      container.image = image.digest ? `${name}@${image.digest}` : `${name}:${image.newTag ?? 'latest'}`;
    }
  }
}

/**
 * `kustomize build` for the features this kit uses: resources (files and directories), configMapGenerator
 * (create and merge; name hashes left out), images and namespace. There is no kustomize binary on these machines.
 */
export function kustomizeBuild(dir: string): K8sObject[] {
  const kustomization = readKustomization(dir);
  const objects: K8sObject[] = [];
  for (const resource of kustomization.resources ?? []) {
    const path = join(dir, resource);
    if (statSync(path).isDirectory()) objects.push(...kustomizeBuild(path));
    else objects.push(...parseAllDocuments(readFileSync(path, 'utf8')).map((document) => document.toJS() as K8sObject));
  }
  for (const generator of kustomization.configMapGenerator ?? []) {
    const generated = generateConfigMap(dir, generator);
    const existing = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === generator.name);
    if (generator.behavior === 'merge' || generator.behavior === 'replace') {
      if (!existing) throw new Error(`configMapGenerator ${generator.name}: behavior ${generator.behavior} without a base ConfigMap`);
      existing.data = generator.behavior === 'merge' ? { ...(existing.data as object), ...(generated.data as object) } : generated.data;
    } else {
      if (existing) throw new Error(`configMapGenerator ${generator.name}: generated twice`);
      objects.push(generated);
    }
  }
  setImages(objects, kustomization.images ?? []);
  if (kustomization.namespace) for (const object of objects) object.metadata.namespace = kustomization.namespace;
  return objects;
}
