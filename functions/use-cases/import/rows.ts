import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { UnreadableTextError, type TextEncoding } from './decode.ts';
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

export type SourceFormat = 'csv' | 'jsonl';

export interface SourceFile {
  format: SourceFormat;
  /** The encoding the file turned out to be in. */
  encoding: TextEncoding;
  /** CSV only: the header cells as written (BOM removed). */
  header?: readonly string[];
  rows: SourceRow[];
}

/** The format a file name says, or undefined. */
export function formatOfName(name: string): SourceFormat | undefined {
  const ext = extname(name).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return undefined;
}

/** The file itself cannot be imported (unreadable, unknown type, no column the records need): re-running will not help. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** Parses the bytes of a whole import file; `name` is what an error calls it. */
export function parseSource(bytes: Buffer, format: SourceFormat, name: string): SourceFile {
  try {
    return format === 'csv' ? parseCsv(bytes) : parseJsonl(bytes);
  } catch (error) {
    if (error instanceof UnreadableTextError) throw new ImportFileError(`${name} ${error.message}`);
    // csv-parse's own errors (an unclosed quote, …) are about the file.
    if (error instanceof Error && String((error as { code?: unknown }).code).startsWith('CSV_')) throw new ImportFileError(`${name}: ${error.message}`);
    throw error;
  }
}

/**
 * Reads a whole import file. The file is held in memory once (100k rows of 双公示 data are tens of
 * MB), which gives the progress bar its total and keeps the row numbers exact.
 */
export async function readSourceFile(path: string): Promise<SourceFile> {
  const format = formatOfName(path);
  if (!format) throw new ImportFileError(`${path}: unsupported file type ${extname(path) || '(none)'}; use .jsonl or .csv`);
  return parseSource(await readFile(path), format, path);
}
