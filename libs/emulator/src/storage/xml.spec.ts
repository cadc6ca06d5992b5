import { parseCompleteMultipartUpload, xmlDocument } from './xml';

describe(parseCompleteMultipartUpload.name, () => {
  it('reads the parts of the body ali-oss sends (declaration, line breaks, quoted ETags)', () => {
    const body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<CompleteMultipartUpload>',
      '<Part>\n<PartNumber>1</PartNumber>\n<ETag>"A1"</ETag>\n</Part>',
      '<Part>\n<PartNumber>2</PartNumber>\n<ETag>&quot;B2&quot;</ETag>\n</Part>',
      '</CompleteMultipartUpload>',
    ].join('\n');
    expect(parseCompleteMultipartUpload(Buffer.from(body))).toEqual([
      { partNumber: 1, etag: '"A1"' },
      { partNumber: 2, etag: '"B2"' },
    ]);
  });

  it.each([
    ['not XML', 'parts please'],
    ['unclosed tags', '<CompleteMultipartUpload><Part>'],
    ['another document', '<Other><Part><PartNumber>1</PartNumber></Part></Other>'],
    ['no parts', '<CompleteMultipartUpload></CompleteMultipartUpload>'],
    [
      'a part number that is not a number',
      '<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>',
    ],
  ])('answers undefined for %s', (_case, body) => {
    expect(parseCompleteMultipartUpload(Buffer.from(body))).toBeUndefined();
  });
});

describe(xmlDocument.name, () => {
  it('writes the declaration, escapes text and repeats array elements', () => {
    expect(xmlDocument('R', { A: 'x<&"y', Part: [{ N: 1 }, { N: 2 }] }, '<?xml version="1.0"?>')).toBe(
      '<?xml version="1.0"?>\n<R><A>x&lt;&amp;&quot;y</A><Part><N>1</N></Part><Part><N>2</N></Part></R>',
    );
  });
});
