import { recordBody } from '#handlers/records/create-record.contract.ts';
import { isIsoDate } from '#domain/dates.ts';
import { DomainError, type FieldProblem } from '#domain/errors.ts';
import { idFamily, normaliseId, type SubjectKind } from '#domain/identifiers.ts';
import { buildRecord, decisionDateProblem, type CreditRecord, type RecordInput, type Stamp } from '#domain/records.ts';
import type { MappedRow } from './map-columns.ts';

/**
 * The API's rules applied to one import row, in two steps so the store can be read in bulk between
 * them: `checkBody` is everything a POST /v1/records checks before it reads the store (the recordBody
 * schema, the decision date), `admit` is what it checks after (the subject exists, buildRecord).
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export function checkBody(mapped: MappedRow, today: string): Checked<RecordInput> {
  // A row that is not an object at all has no fields to name.
  if (mapped.problems.some((p) => p.path === '(row)')) return { ok: false, problems: mapped.problems };
  const problems = new ProblemList(mapped.problems);
  // A cell that could not be converted was left out of the body: its own message says more than "required".
  const unconverted = new Set(mapped.problems.map((p) => p.path));
  const parsed = recordBody.safeParse(mapped.body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) problems.add(key, 'is not a record field');
        continue;
      }
      const field = issue.path.length > 0 ? String(issue.path[0]) : '(row)';
      if (unconverted.has(field)) continue;
      problems.add(field, mapped.body[field] === undefined && issue.code === 'invalid_type' ? 'is required' : issue.message);
    }
  }
  const { subjectId, decidedOn } = mapped.body;
  // Not in recordBody: the API answers an unregistrable id with 422 "no entity"; an import says why.
  if (typeof subjectId === 'string' && subjectId.trim() && !problems.has('subjectId') && !idFamily(normaliseId(subjectId), today)) {
    problems.add('subjectId', 'is not a valid unified social credit code or resident identity number (length, characters or check character)');
  }
  // The domain's rule, as the createRecord use case applies it.
  const dateProblem = typeof decidedOn === 'string' && isIsoDate(decidedOn) ? decisionDateProblem(decidedOn, today) : undefined;
  if (dateProblem && !problems.has('decidedOn')) problems.add('decidedOn', dateProblem);
  if (!problems.empty || !parsed.success) return { ok: false, problems: problems.list() };
  return { ok: true, value: parsed.data as RecordInput };
}

/** What the import knows about a registered subject: enough for buildRecord and the listing index. */
export interface KnownSubject {
  kind: SubjectKind;
  /** Where the population index files its records (the profile's region). */
  region: string;
  legalRepresentativeId?: string | undefined;
  provisional?: true | undefined;
  /** The request that last wrote the profile: an import's own earlier attempt shows here. */
  requestId?: string | undefined;
}

export const knownSubject = (profile: KnownSubject): KnownSubject => ({
  kind: profile.kind,
  region: profile.region,
  legalRepresentativeId: profile.legalRepresentativeId,
  provisional: profile.provisional,
  requestId: profile.requestId,
});

/** The subject must exist (the API's 422), then the domain builds the record or names what is wrong. */
export function admit(input: RecordInput, subject: KnownSubject | undefined, stamp: Stamp): Checked<CreditRecord> {
  if (!subject) return { ok: false, problems: [{ path: 'subjectId', message: `no entity ${input.subjectId} is registered` }] };
  try {
    return { ok: true, value: buildRecord(input, subject.kind, stamp) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // Keeper (403) and list (422) refusals carry no field list: they are about listCode.
    const problems = error.errors.length > 0 ? error.errors : [{ path: 'listCode', message: error.message }];
    return { ok: false, problems };
  }
}

/** One problem per field: several messages for the same field are joined. */
class ProblemList {
  private readonly byField = new Map<string, string[]>();
  constructor(initial: readonly FieldProblem[] = []) {
    for (const p of initial) this.add(p.path, p.message);
  }
  add(field: string, message: string) {
    const list = this.byField.get(field);
    if (!list) this.byField.set(field, [message]);
    else if (!list.includes(message)) list.push(message);
  }
  has(field: string) {
    return this.byField.has(field);
  }
  get empty() {
    return this.byField.size === 0;
  }
  list(): FieldProblem[] {
    return [...this.byField].map(([path, messages]) => ({ path, message: messages.join('; ') }));
  }
}
