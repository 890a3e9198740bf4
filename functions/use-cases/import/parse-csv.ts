import { parse } from 'csv-parse/sync';
import { decodeText } from './decode.ts';
import type { SourceFile, SourceRow } from './rows.ts';

/**
 * Parses CSV with csv-parse: quoted fields with commas, doubled quotes and line breaks, LF or CRLF, in
 * any encoding decodeText recognises (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK).
 * Blank lines are skipped; a row with a different number of fields than the header is kept so that it
 * can be rejected with its line number instead of failing the whole file.
 */
export function parseCsv(bytes: Buffer): SourceFile {
  const decoded = decodeText(bytes);
  // Parsed as UTF-8 bytes, so csv-parse's byte offsets find the line numbers.
  const buffer = Buffer.from(decoded.text, 'utf8');
  const records = parse(buffer, { bom: true, relax_column_count: true, info: true }) as unknown as {
    record: string[];
    info: { bytes: number };
  }[];
  const lineAt = lineCounter(buffer);
  const rows: SourceRow[] = [];
  let header: string[] | undefined;
  let start = 0;
  for (const { record, info } of records) {
    const row = lineAt(start);
    start = info.bytes;
    if (record.every((v) => v.trim() === '')) continue;
    if (!header) {
      header = record;
      continue;
    }
    if (record.length !== header.length) {
      rows.push({ row, kind: 'unreadable', reason: `has ${record.length} fields where the header has ${header.length}` });
    } else {
      rows.push({ row, kind: 'csv', values: record });
    }
  }
  return { format: 'csv', encoding: decoded.encoding, header: header ?? [], rows };
}

/** Line number (1-based) of a byte offset, for offsets asked in increasing order. */
function lineCounter(buffer: Buffer): (offset: number) => number {
  let line = 1;
  let scanned = 0;
  return (offset) => {
    for (; scanned < offset && scanned < buffer.length; scanned++) if (buffer[scanned] === 0x0a) line++;
    return line;
  };
}
