// Builds the package: ES modules, CommonJS and type declarations from src/, with TypeScript's compiler.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compile = (...args) => execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), ...args], { stdio: 'inherit' });

rmSync(join(root, 'dist'), { recursive: true, force: true });
compile('--declaration', '--declarationDir', join(root, 'dist/types'));
// NodeNext emits CommonJS here: the package root has no "type": "module".
compile('--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--esModuleInterop', '--outDir', join(root, 'dist/cjs'));
// Each output folder says how Node should load its .js files; the package root stays CommonJS.
writeFileSync(join(root, 'dist/esm/package.json'), `${JSON.stringify({ type: 'module' })}\n`);
writeFileSync(join(root, 'dist/cjs/package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
// tsc does not copy declaration files it was given: the generated types go along by hand.
mkdirSync(join(root, 'dist/types/generated'), { recursive: true });
copyFileSync(join(root, 'src/generated/schema.d.ts'), join(root, 'dist/types/generated/schema.d.ts'));
