import type { FieldProblem } from '#domain/errors.ts';
import type { Tally } from './progress.ts';
import type { RejectLine } from './report.ts';

type ColumnOf = (field: string) => string;
type Outcome = 'pending' | 'created' | 'unchanged' | 'conflict';

/**
 * What became of each row: the counts of the summary, the lines of the reject file, and for every
 * record id the first row that claimed it (first wins; later rows are settled against it at the end).
 */
export class Ledger {
  readonly tally: Tally = { created: 0, unchanged: 0, conflicting: 0, rejected: 0, registered: 0 };
  readonly rejects: RejectLine[] = [];
  private readonly firstRows = new Map<string, { row: number; hash: string; outcome: Outcome }>();
  private readonly laterRows: { row: number; recordId: string; hash: string; columnOf: ColumnOf }[] = [];

  get processed(): number {
    const t = this.tally;
    return t.created + t.unchanged + t.conflicting + t.rejected;
  }

  reject(row: number, columnOf: ColumnOf, problems: readonly FieldProblem[]): void {
    this.tally.rejected++;
    for (const p of problems) this.rejects.push({ row, field: columnOf(p.path), reason: p.message });
  }

  /**
   * Claims a record id for a row. Returns false when an earlier row of the file holds it: this row is
   * then settled by settleRepeats().
   */
  claim(recordId: string, row: number, hash: string, columnOf: ColumnOf): boolean {
    if (this.firstRows.has(recordId)) {
      this.laterRows.push({ row, recordId, hash, columnOf });
      return false;
    }
    this.firstRows.set(recordId, { row, hash, outcome: 'pending' });
    return true;
  }

  created(recordId: string): void {
    this.tally.created++;
    this.firstRows.get(recordId)!.outcome = 'created';
  }

  unchanged(recordId: string): void {
    this.tally.unchanged++;
    this.firstRows.get(recordId)!.outcome = 'unchanged';
  }

  conflict(recordId: string, row: number, columnOf: ColumnOf, reason: string): void {
    this.tally.conflicting++;
    this.firstRows.get(recordId)!.outcome = 'conflict';
    this.rejects.push({ row, field: columnOf('documentNo'), reason });
  }

  /** Later rows for a record id: identical to the first → unchanged; different → conflict. */
  settleRepeats(): void {
    for (const later of this.laterRows) {
      const first = this.firstRows.get(later.recordId)!;
      if (first.outcome === 'pending') continue; // the run stopped before the first was written
      const conflict = (reason: string) => {
        this.tally.conflicting++;
        this.rejects.push({ row: later.row, field: later.columnOf('documentNo'), reason });
      };
      if (later.hash !== first.hash) conflict(`repeats the document of row ${first.row} with different content`);
      else if (first.outcome === 'conflict') conflict(`repeats row ${first.row}, which conflicts with the stored record`);
      else this.tally.unchanged++;
    }
  }
}
