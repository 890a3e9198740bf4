import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseCsv } from './parse-csv.ts';
import { parseJsonl } from './parse-jsonl.ts';

/**
 * One row of an import file, before mapping: `row` is the line of the file on which it starts
 * (the CSV header is line 1), so a reject can be found with any editor or spreadsheet.
 */
export type SourceRow =
  | { row: number; kind: 'csv'; values: readonly string[] }
  | { row: number; kind: 'json'; value: unknown }
  | { row: number; kind: 'unreadable'; reason: string };

export interface SourceFile {
  format: 'csv' | 'jsonl';
  /** CSV only: the header cells as written (BOM removed). */
  header?: readonly string[];
  rows: SourceRow[];
}

/**
 * Reads a whole import file. The file is held in memory once (100k rows of 双公示 data are tens of
 * MB), which gives the progress bar its total and keeps the row numbers exact.
 */
export async function readSourceFile(path: string): Promise<SourceFile> {
  const buffer = await readFile(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return parseCsv(buffer);
  if (ext === '.jsonl' || ext === '.ndjson') return parseJsonl(buffer);
  throw new Error(`${path}: unsupported file type ${ext || '(none)'}; use .jsonl or .csv`);
}
