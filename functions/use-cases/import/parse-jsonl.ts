import { decodeText } from './decode.ts';
import type { SourceFile, SourceRow } from './rows.ts';

/** One JSON object per line; blank lines are skipped, a line that is not JSON becomes a reject. */
export function parseJsonl(bytes: Buffer): SourceFile {
  const { text, encoding } = decodeText(bytes);
  const rows: SourceRow[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    try {
      rows.push({ row: i + 1, kind: 'json', value: JSON.parse(line) });
    } catch (error) {
      rows.push({ row: i + 1, kind: 'unreadable', reason: `is not valid JSON (${(error as Error).message})` });
    }
  }
  return { format: 'jsonl', encoding, rows };
}
