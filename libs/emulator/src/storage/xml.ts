import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

const builder = new XMLBuilder({ suppressEmptyNode: false });
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'Part' });

/** An XML answer document: `<root>` with `content` as child elements (arrays repeat the element). */
export function xmlDocument(root: string, content: Record<string, unknown>, declaration: string): string {
  return `${declaration}\n${builder.build({ [root]: content })}`;
}

export interface ListedPart {
  partNumber: number;
  etag: string;
}

/** The parts of a CompleteMultipartUpload body, in the order given; undefined when it is not one. */
export function parseCompleteMultipartUpload(body: Buffer): ListedPart[] | undefined {
  const text = body.toString('utf8');
  if (XMLValidator.validate(text) !== true) return undefined;
  const document = parser.parse(text) as { CompleteMultipartUpload?: { Part?: unknown } };
  const parts = document.CompleteMultipartUpload?.Part;
  if (!Array.isArray(parts) || parts.length === 0) return undefined;
  const listed: ListedPart[] = [];
  for (const part of parts as { PartNumber?: unknown; ETag?: unknown }[]) {
    if (typeof part?.PartNumber !== 'string' || !/^\d{1,5}$/.test(part.PartNumber.trim())) return undefined;
    listed.push({ partNumber: Number(part.PartNumber), etag: typeof part.ETag === 'string' ? part.ETag.trim() : '' });
  }
  return listed;
}
