import type { Now } from '#domain/clock.ts';
import { NotFoundError } from '#domain/errors.ts';
import { recordStatus } from '#domain/records.ts';
import { readSubjectState } from '#data/subjects.ts';

/** Every record of a subject, whatever its status, each with its status today and its history. */
export async function listRecords(subjectId: string, now: Now) {
  const { entity, records } = await readSubjectState(subjectId);
  if (!entity) throw new NotFoundError(`No entity ${subjectId}`);
  return records
    .map((r) => ({ ...r, status: recordStatus(r, now.today) }))
    .sort((a, b) => (a.decidedOn === b.decidedOn ? a.createdAt.localeCompare(b.createdAt) : a.decidedOn < b.decidedOn ? 1 : -1));
}
