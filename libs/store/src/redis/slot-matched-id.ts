/**
 * Redis Cluster puts a key in slot CRC16(tag) mod 16384 (CRC16-XMODEM: polynomial 0x1021, no
 * initial value, no final XOR). Without an initial value CRC16 is linear over equal-length inputs,
 * and leading zero bytes leave it unchanged, so for an id P + S with S its last three characters:
 * crc(P + S) = crc(P + "\0\0\0") XOR crc(S). Choosing S from a table of three-character suffixes by
 * the low 14 bits of their CRC puts the id in any slot we like, with one pass over its bytes.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SLOTS = 16384;
const SUFFIX = 3;

const CRC_TABLE = new Uint16Array(256);
for (let byte = 0; byte < 256; byte++) {
  let crc = byte << 8;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  CRC_TABLE[byte] = crc;
}

const step = (crc: number, byte: number) => ((crc << 8) & 0xffff) ^ CRC_TABLE[((crc >> 8) ^ byte) & 0xff];

/** CRC16-XMODEM of a string's UTF-8 bytes, then `zeros` zero bytes. */
function crc16(text: string, zeros = 0): number {
  let crc = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Ids, digests and suffixes are ASCII, whose char codes are their bytes: no buffer for them.
    if (code > 0x7f) return crc16OfBytes(Buffer.from(text, 'utf8'), zeros);
    crc = step(crc, code);
  }
  for (let i = 0; i < zeros; i++) crc = step(crc, 0);
  return crc;
}

function crc16OfBytes(bytes: Uint8Array, zeros: number): number {
  let crc = 0;
  for (const byte of bytes) crc = step(crc, byte);
  for (let i = 0; i < zeros; i++) crc = step(crc, 0);
  return crc;
}

/** The Cluster slot of a key (its hash tag when it has one), as Redis and ioredis compute it. */
export function clusterSlot(key: string): number {
  const open = key.indexOf('{');
  if (open !== -1) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) return crc16(key.slice(open + 1, close)) % SLOTS;
  }
  return crc16(key) % SLOTS;
}

let suffixes: string[] | undefined;

/** For each slot, a suffix whose own CRC16 lands there (built once, on first use: 64³ suffixes cover all 16,384). */
function suffixBySlot(): string[] {
  if (suffixes) return suffixes;
  const table = new Array<string>(SLOTS);
  let found = 0;
  for (const a of ALPHABET)
    for (const b of ALPHABET)
      for (const c of ALPHABET) {
        const suffix = a + b + c;
        const slot = crc16(suffix) % SLOTS;
        if (table[slot] === undefined) {
          table[slot] = suffix;
          found++;
        }
      }
  if (found !== SLOTS) throw new Error(`three-character suffixes reach ${found} of ${SLOTS} slots`);
  suffixes = table;
  return table;
}

/**
 * `id` with its last three characters replaced (from the base64url alphabet) so that the id, used as
 * a hash tag (`upload:{<id>}`), lands in the same Cluster slot as the key `tagOfKey` does: keys named
 * by the id and keys of its owner can then be written by one script. The id must hold no `{` or `}`.
 */
export function idInSlotOf(id: string, tagOfKey: string): string {
  if (id.length <= SUFFIX || /[{}]/.test(id)) throw new RangeError('idInSlotOf needs an id of more than three characters, without braces');
  const prefix = id.slice(0, -SUFFIX);
  const slot = clusterSlot(tagOfKey) ^ (crc16(prefix, SUFFIX) % SLOTS);
  return prefix + suffixBySlot()[slot];
}
