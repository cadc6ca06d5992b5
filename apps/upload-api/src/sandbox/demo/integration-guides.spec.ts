import { globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../../..');
/** The demo's code: the page's script and every provider's uploader script. */
const DEMO_SCRIPTS = ['apps/upload-api/src/sandbox/demo/page/demo.mjs', ...globSync('libs/providers/src/*/demo/*.mjs', { cwd: ROOT })];
const demo = DEMO_SCRIPTS.map((path) => readFileSync(join(ROOT, path), 'utf8'));

/** The ```js blocks a guide marks `<!-- from the demo -->`: each must still be in one of the demo's scripts, verbatim. */
function quotedBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/<!-- from the demo -->\n```js\n([\s\S]*?)\n```/g)].map((match) => match[1]);
}

describe('the web integration guide', () => {
  const guide = readFileSync(join(ROOT, 'docs/integration/web.md'), 'utf8');

  it('quotes the tested demo code, not a copy that drifted from it', () => {
    const blocks = quotedBlocks(guide);
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    expect(blocks.filter((block) => !demo.some((script) => script.includes(block)))).toEqual([]);
  });

  it('links the scripts it quotes', () => {
    expect(DEMO_SCRIPTS.length).toBeGreaterThan(1);
    for (const path of DEMO_SCRIPTS) expect(guide).toContain(`(../../${path})`);
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
