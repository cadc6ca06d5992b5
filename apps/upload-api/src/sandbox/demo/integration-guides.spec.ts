import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../../..');
const demo = readFileSync(join(__dirname, 'page/demo.js'), 'utf8');

/** The ```js blocks a guide marks `<!-- from the demo -->`: each must still be in the demo, verbatim. */
function quotedBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/<!-- from the demo -->\n```js\n([\s\S]*?)\n```/g)].map((match) => match[1]);
}

describe('the web integration guide', () => {
  const guide = readFileSync(join(ROOT, 'docs/integration/web.md'), 'utf8');

  it('quotes the tested demo code, not a copy that drifted from it', () => {
    const blocks = quotedBlocks(guide);
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    expect(blocks.filter((block) => !demo.includes(block))).toEqual([]);
  });

  it('quotes every upload function of the demo', () => {
    const quoted = quotedBlocks(guide).join('\n');
    for (const name of ['uploadWithAliOss', 'uploadWithCos', 'uploadWithVodSdk', 'waitForFinalStatus', 'pointVodSdkAtSandbox']) {
      expect(quoted).toContain(`function ${name}(`);
    }
  });
});

describe.each(['android.md', 'ios.md'])('the %s guide', (name) => {
  const guide = readFileSync(join(ROOT, 'docs/integration', name), 'utf8');

  it('names only routes the service has', () => {
    const document = JSON.parse(readFileSync(join(ROOT, 'openapi.json'), 'utf8')) as { paths: Record<string, unknown> };
    const pattern = (path: string) => new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const known = Object.keys(document.paths).map(pattern);
    const named = [...guide.matchAll(/`(?:POST |GET )?(\/v1\/[^`\s]+)`/g)].map((match) =>
      match[1].replace(/\$\{[^}]+\}|\\\([^)]+\)/g, 'x'),
    );
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((path) => !known.some((route) => route.test(path.replace(/\{[^}]+\}/g, 'x'))))).toEqual([]);
  });
});
