import { writeFile } from 'node:fs/promises';
import type { TextEncoding } from './decode.ts';

/** One line of the reject file: the row (line of the source file), the field or column, and why. */
export interface RejectLine {
  row: number;
  field: string;
  reason: string;
}

export interface ImportSummary {
  file: string;
  department: string;
  read: number;
  created: number;
  /** Already present with the same content: nothing written. */
  unchanged: number;
  /** Same document, different content: rejected, listed in the reject file. */
  conflicting: number;
  rejected: number;
  /** Subjects registered provisionally from their rows (registerSubjects). */
  registered: number;
  /** Rows not decided because the run stopped early (re-run to complete). */
  notProcessed: number;
  seconds: number;
  rejectsPath: string;
  rejectLines: number;
  interrupted: boolean;
  ignoredColumns: string[];
  encoding: TextEncoding;
}

const quote = (value: string | number) => {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV with a BOM (so spreadsheet programs read the Chinese column names), one line per failing field. */
export function rejectsCsv(lines: readonly RejectLine[]): string {
  const sorted = [...lines].sort((a, b) => a.row - b.row);
  const body = sorted.map((l) => `${quote(l.row)},${quote(l.field)},${quote(l.reason)}`).join('\n');
  return `\uFEFFrow,field,reason\n${body}${body ? '\n' : ''}`;
}

export async function writeRejects(path: string, lines: readonly RejectLine[]): Promise<void> {
  await writeFile(path, rejectsCsv(lines));
}

export function formatSummary(s: ImportSummary): string {
  const rows: [string, string][] = [
    ['read', String(s.read)],
    ['created', String(s.created)],
    ['already present (unchanged)', String(s.unchanged)],
    ['conflicting (rejected)', String(s.conflicting)],
    ['rejected', String(s.rejected)],
    ...(s.registered > 0 ? ([['subjects registered (provisional)', String(s.registered)]] as [string, string][]) : []),
    ...(s.notProcessed > 0 ? ([['not processed', String(s.notProcessed)]] as [string, string][]) : []),
    ['seconds', s.seconds.toFixed(2)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = [
    `${s.interrupted ? 'INTERRUPTED import' : 'import'} of ${s.file} (${s.encoding}) for ${s.department}`,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    `  reject file: ${s.rejectsPath} (${s.rejectLines} line${s.rejectLines === 1 ? '' : 's'})`,
  ];
  if (s.ignoredColumns.length > 0) lines.push(`  columns not read: ${s.ignoredColumns.join(', ')}`);
  if (s.interrupted) lines.push('  re-run the same command to complete: rows already imported are recognised and skipped');
  return lines.join('\n');
}
