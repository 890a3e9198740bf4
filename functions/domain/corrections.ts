import { ConflictError, InadmissibleError, ValidationError } from './errors.ts';
import { buildRecord, type CreditRecord, type RecordInput, type Stamp } from './records.ts';
import type { SubjectKind } from './identifiers.ts';

/**
 * Correcting a record (更正): the recording department changes fields of a record it entered, with a
 * reason; the record keeps its id, and its history keeps each earlier value. The document number,
 * list, subject and type identify the record and are not correctable (retract and re-enter instead).
 */
export const CORRECTABLE_FIELDS = [
  'title',
  'content',
  'legalBasis',
  'fineAmount',
  'severity',
  'warningOnly',
  'decidedOn',
  'publicUntil',
  'validUntil',
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** A correction's changes: a value, or null to remove an optional field (a null publicUntil restores the default). */
export type RecordChanges = Partial<Record<CorrectableField, unknown>>;

const PENALTY_ONLY = new Set<CorrectableField>(['severity', 'warningOnly', 'fineAmount', 'publicUntil']);
const NOT_FOR_PENALTIES = new Set<CorrectableField>(['validUntil']);

/** Each correction keeps the earlier values in the record's own history, so the item stays bounded. */
export const MAX_CORRECTIONS = 20;

/** Types a department enters itself; the service's own records (inspections, commitments) change through their own flows. */
const CORRECTABLE_TYPES = new Set(['licence', 'penalty', 'listing']);

/**
 * The corrected record, or undefined when the changes change nothing (a repeated correction).
 * Steps: retracted → 409; a type or field that cannot be corrected → 422 / 400; the merged record
 * must pass the rules of a new record (dates, publicity periods; a defaulted publicUntil follows the
 * new decision date and severity) → the new version with the earlier values in its history.
 */
export function correctRecord(
  record: CreditRecord,
  changes: RecordChanges,
  reason: string,
  subjectKind: SubjectKind,
  stamp: Stamp,
  today: string,
): CreditRecord | undefined {
  if (record.retractedAt) throw new ConflictError(`Record ${record.recordId} is retracted; it cannot be corrected (its document number stays taken)`);
  if (!CORRECTABLE_TYPES.has(record.type)) {
    throw InadmissibleError.field('recordId', `a ${record.type} record is written by the service itself and is not corrected here`);
  }
  const problems: { path: string; message: string }[] = [];
  for (const field of Object.keys(changes) as CorrectableField[]) {
    if (record.type !== 'penalty' && PENALTY_ONLY.has(field)) problems.push({ path: `changes.${field}`, message: 'applies to penalties only' });
    if (record.type === 'penalty' && NOT_FOR_PENALTIES.has(field)) problems.push({ path: `changes.${field}`, message: 'does not apply to penalties (use publicUntil)' });
  }
  if (problems.length) throw new ValidationError(problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);

  const value = <F extends CorrectableField>(f: F) => (f in changes ? (changes[f] ?? undefined) : record[f]) as never;
  const decidedOn: string = value('decidedOn');
  if (decidedOn > today) throw ValidationError.field('changes.decidedOn', 'must not be in the future');
  let publicUntil: string | undefined;
  if ('publicUntil' in changes) publicUntil = (changes.publicUntil ?? undefined) as string | undefined;
  else if (!record.publicUntilDefaulted) publicUntil = record.publicUntil;
  const input: RecordInput = {
    subjectId: record.subjectId,
    type: record.type,
    documentNo: record.documentNo,
    decidedOn,
    title: value('title'),
    listCode: record.listCode,
    severity: record.type === 'penalty' ? value('severity') : undefined,
    warningOnly: value('warningOnly'),
    fineAmount: value('fineAmount'),
    legalBasis: value('legalBasis'),
    content: value('content'),
    publicUntil,
    validUntil: value('validUntil'),
  };
  let rebuilt: CreditRecord;
  try {
    // The creator's department: the keeper rule was met when the record was entered.
    rebuilt = buildRecord(input, subjectKind, { ...stamp, department: record.department });
  } catch (error) {
    if (error instanceof ValidationError) {
      const errors = error.errors.map((e) => ({ path: `changes.${e.path}`, message: e.message }));
      throw new ValidationError(errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    }
    throw error;
  }
  const corrected: CreditRecord = { ...record, decidedOn: rebuilt.decidedOn, title: rebuilt.title };
  for (const field of ['severity', 'warningOnly', 'fineAmount', 'legalBasis', 'content', 'publicUntil', 'validUntil', 'publicUntilDefaulted'] as const) {
    if (rebuilt[field] === undefined) delete corrected[field];
    else (corrected as unknown as Record<string, unknown>)[field] = rebuilt[field];
  }
  const moved = CORRECTABLE_FIELDS.filter((f) => record[f] !== corrected[f]);
  if (moved.length === 0) return undefined;
  if (record.history.filter((e) => e.action === 'corrected').length >= MAX_CORRECTIONS) {
    throw InadmissibleError.field('recordId', `a record is corrected at most ${MAX_CORRECTIONS} times; retract it and enter it again under its right document number`);
  }
  const previous = Object.fromEntries(moved.map((f) => [f, record[f] ?? null]));
  return {
    ...corrected,
    version: record.version + 1,
    history: [
      ...record.history,
      { action: 'corrected', by: stamp.sub, department: stamp.department, at: stamp.at, requestId: stamp.requestId, reason, previous },
    ],
  };
}

/** Whether a correction moved the dates that decide when a listing is in force (notices follow, as for an end). */
export function correctionMovesDates(before: CreditRecord, after: CreditRecord): boolean {
  return before.decidedOn !== after.decidedOn || before.validUntil !== after.validUntil;
}
