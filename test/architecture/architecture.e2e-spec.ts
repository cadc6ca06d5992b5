import { CATALOG } from '../../apps/upload-api/src/providers';
import { codeOf, read, sourceFiles } from './source-files';

/** Where a cloud may be named in code: its own folder, the emulator that stands in for it, and their tests. */
const MAY_NAME_A_CLOUD = [/^libs\/providers\//, /^libs\/emulator\//, /^apps\/cloud-emulator\//];

/** A cloud's or product's name as a word of an identifier or string: aliyunProblems, TENCENTCLOUD_, 'aliyun-vod', vod2.qcloud.com. */
const CLOUD_WORD = /^(aliyun|alibaba|tencent)|^(vod|ims)\d*$/;

/** The words of a token: split at anything not a letter or digit, and at camelCase humps. */
const words = (token: string): string[] =>
  token
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());

function cloudNamesIn(path: string): string[] {
  return [
    ...new Set(
      codeOf(path)
        .flatMap(words)
        .filter((word) => CLOUD_WORD.test(word)),
    ),
  ];
}

describe('the platform names no cloud', () => {
  const platform = sourceFiles(['apps', 'libs', 'scripts']).filter((path) => !MAY_NAME_A_CLOUD.some((allowed) => allowed.test(path)));

  it('has platform code to check', () => {
    expect(platform).toContain('libs/uploads/src/records/upload-records.ts');
    expect(platform.length).toBeGreaterThan(100);
  });

  it('in any hand-written source file outside the provider folders and the emulator, comments aside', () => {
    const named = platform.map((path) => ({ path, names: cloudNamesIn(path) })).filter(({ names }) => names.length > 0);
    expect(named).toEqual([]);
  });

  it('the check itself finds a name in code and ignores it in a comment', () => {
    expect(cloudNamesIn('libs/providers/src/aliyun/aliyun.products.ts')).toEqual(expect.arrayContaining(['aliyun']));
    expect(words('TENCENTCLOUD_SECRET_ID vodSubAppId aliyun-vod')).toEqual([
      'tencentcloud',
      'secret',
      'id',
      'vod',
      'sub',
      'app',
      'id',
      'aliyun',
      'vod',
    ]);
    expect(words('avoid improvised').some((word) => CLOUD_WORD.test(word))).toBe(false);
  });
});

describe('a kind is a small change', () => {
  /** The checklist's own count: "N files" in the heading's paragraph of docs/architecture.md. */
  const checklist = /## How to add an upload kind[\s\S]*?\*\*(\d+) hand-written files\*\*/.exec(read('docs/architecture.md'));
  const code = sourceFiles(['apps', 'libs', 'scripts']).map((path) => ({ path, text: read(path) }));

  it('has a checklist that says how many files', () => {
    expect(checklist).not.toBeNull();
  });

  it.each(CATALOG.kinds.map((kind) => kind.id))('%s is named in no more files than the checklist says', (kind) => {
    const touching = code.filter(({ text }) => new RegExp(`['"\`]${kind}['"\`]`).test(text)).map(({ path }) => path);
    expect(touching.length).toBeGreaterThan(0);
    expect(touching.length).toBeLessThanOrEqual(Number(checklist![1]));
  });
});

describe('files stay small', () => {
  it('no hand-written source file is over 300 lines (the demo page included)', () => {
    const long = sourceFiles(['apps', 'libs', 'scripts', 'bench'])
      .map((path) => ({ path, lines: read(path).trimEnd().split('\n').length }))
      .filter(({ lines }) => lines > 300);
    expect(long).toEqual([]);
  });
});
