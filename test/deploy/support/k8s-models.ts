import { join } from 'node:path';
import ts from 'typescript';
import type { K8sObject } from './kustomize';
import { ROOT } from './repo-paths';

/** Where the model classes (ajv-compiled JSON schemas) and their TypeScript types of each API group live. */
const MODEL_PACKAGES: Record<string, string> = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'policy/v1': 'kubernetes-models/policy/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
};

interface ModelClass {
  new (data: unknown): { validate(): void };
}

const modelPackage = (object: K8sObject): string => {
  const found = MODEL_PACKAGES[object.apiVersion];
  if (!found) throw new Error(`no schema known for ${object.apiVersion} ${object.kind}`);
  return found;
};

/**
 * Validates against the Kubernetes (and Prometheus Operator CRD) JSON schemas of kubernetes-models: types,
 * enums, formats, required fields. The packages are ES modules with import-only exports, hence the file path
 * (Node 24 requires ES modules).
 */
export function schemaErrors(object: K8sObject): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ES module reached by its path, loaded with require(esm)
  const models = require(join(ROOT, 'node_modules', modelPackage(object), 'index.js')) as Record<string, ModelClass | undefined>;
  const Model = models[object.kind];
  if (!Model) return `no schema for ${object.apiVersion} ${object.kind}`;
  try {
    new Model(object).validate();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Field names the API does not know, found by the TypeScript compiler's excess-property check against the same
 * packages' types (the JSON schemas allow unknown fields; `kubectl apply` refuses them). Reports at least one per
 * object that has any. One program for all objects: about two seconds.
 */
export function unknownFieldErrors(objects: K8sObject[]): string[] {
  const file = join(ROOT, 'test', 'deploy', '__manifests__.mts');
  const source = objects
    .map((object, index) => {
      const name = `I${object.kind}`;
      const importLine = `import type { ${name} as T${index} } from '${modelPackage(object)}/${object.kind}';`;
      return `${importLine}\nexport const object${index}: T${index} = ${JSON.stringify(object)};`;
    })
    .join('\n');
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readSource = host.getSourceFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.getSourceFile = (path, language, ...rest) =>
    path === file ? ts.createSourceFile(path, source, language) : readSource(path, language, ...rest);
  host.fileExists = (path) => path === file || exists(path);
  const program = ts.createProgram([file], options, host);
  return program.getSemanticDiagnostics(program.getSourceFile(file)).map((diagnostic) => {
    const line =
      diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line : -1;
    const object = objects[Math.floor(line / 2)];
    const where = object ? `${object.kind} ${object.metadata.name}` : 'manifest';
    return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').slice(0, 300)}`;
  });
}
