import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const ROOT = join(__dirname, '..', '..');

/** Code the team writes: not tests, test helpers, generated files or build output. */
const NOT_WRITTEN_CODE = [/(^|\/)node_modules\//, /(^|\/)dist\//, /\/generated\//, /\.(spec|e2e-spec)\.ts$/, /(^|\/)testing\//];

/** Every hand-written source file under `dirs` (relative to the repository), as repository paths. */
export function sourceFiles(dirs: string[], extensions = /\.(ts|js|mjs|cjs|html|css)$/): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (NOT_WRITTEN_CODE.some((pattern) => pattern.test(path))) continue;
      if (entry.isDirectory()) walk(path);
      else if (extensions.test(entry.name)) files.push(path);
    }
  };
  dirs.forEach(walk);
  return files.sort();
}

export const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** The nodes whose text is code that can name something: identifiers, strings, templates, regular expressions. */
const NAMING = new Set([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.PrivateIdentifier,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
]);

/**
 * The code of a file without its comments: the identifiers and literals of its syntax tree (TypeScript's
 * parser, for scripts), and for HTML and CSS the text outside `<!-- -->` and `/* *\/`. What names a
 * thing in code stays; what talks about it goes.
 */
export function codeOf(path: string): string[] {
  const text = read(path);
  if (/\.(html|css)$/.test(path)) return [text.replace(/<!--[\s\S]*?-->/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ')];
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, /\.ts$/.test(path) ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const tokens: string[] = [];
  const visit = (node: ts.Node): void => {
    if (NAMING.has(node.kind)) tokens.push(node.getText(source));
    node.forEachChild(visit);
  };
  visit(source);
  return tokens;
}

export const relativeToRoot = (path: string): string => relative(ROOT, path);
