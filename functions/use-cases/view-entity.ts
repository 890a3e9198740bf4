import { NotFoundError } from '#domain/errors.ts';
import { inForceAt } from '#domain/records.ts';
import { riskClass } from '#domain/risk-classes.ts';
import type { Now } from '#domain/clock.ts';
import { readSubjectState } from '#data/subjects.ts';

/** An entity with its risk class and the lists it is on now, from one read of its partition. */
export async function viewEntity(id: string, now: Now) {
  const { entity, records } = await readSubjectState(id);
  if (!entity) throw new NotFoundError(`No entity ${id}`);
  const lists = [
    ...new Set(records.filter((r) => r.type === 'listing' && inForceAt(r, now.at, now.today)).map((r) => r.listCode!)),
  ].sort();
  return { ...entity, riskClass: riskClass(entity, records, now.at, now.today), lists };
}
