/**
 * The text of an import file, whatever Excel or a department's system saved it as: UTF-8 with or
 * without a BOM, UTF-16 with a BOM (Excel's "Unicode text"), and otherwise GB18030 — the superset of
 * GBK and GB2312 that Excel on Chinese Windows writes as "CSV" by default. A byte sequence that is
 * valid UTF-8 is read as UTF-8: Chinese text in GBK is almost never valid UTF-8, while the reverse
 * guess (UTF-8 read as GBK) always "succeeds" and yields mojibake.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** Whether the file began with a byte-order mark (dropped from `text`). */
  bom: boolean;
}

export class UnreadableTextError extends Error {
  constructor(readonly encoding: string) {
    super('is neither UTF-8 nor GB18030/GBK text: save it from the spreadsheet as "CSV UTF-8" or "CSV" and upload again');
    this.name = 'UnreadableTextError';
  }
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/** The encoding of `bytes` and how many bytes of byte-order mark precede the text. */
export function detectEncoding(bytes: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bomLength: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'gb18030', bomLength: 0 };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes a whole file; throws UnreadableTextError when it is not text in the detected encoding. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const { encoding, bomLength } = detectEncoding(bytes);
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bomLength));
    return { text, encoding, bom: bomLength > 0 };
  } catch {
    throw new UnreadableTextError(encoding);
  }
}
