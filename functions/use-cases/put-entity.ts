import type { Entity, EntityInput } from '#domain/entities.ts';
import { sameEntityContent } from '#domain/entities.ts';
import { ValidationError } from '#domain/errors.ts';
import { idProblem } from '#domain/identifiers.ts';
import type { Stamp } from '#domain/records.ts';
import { getEntity, indexListingsUnderRepresentative, readSubjectState, rebuildListingView, saveEntity } from '#data/subjects.ts';
import { writeNameIndex } from '#data/search.ts';

/**
 * Registers or updates an entity.
 * Steps: the id must fit the kind (400) → an identical PUT changes nothing → write the profile under
 * a version condition → when the legal representative changed, re-point the listings at the new one.
 */
export async function putEntity(id: string, input: EntityInput, stamp: Stamp, today: string) {
  const problem = idProblem(id, input.kind, today);
  if (problem) throw ValidationError.field('id', problem);
  const stored = await getEntity(id);
  if (stored && sameEntityContent(stored, input)) {
    // An unchanged PUT re-derives what is derived from the entity and its records (self-healing).
    await writeNameIndex(stored);
    await rebuildListingView(id);
    return { created: false, entity: stored };
  }
  const entity: Entity = {
    ...stripUndefined(input),
    id,
    createdAt: stored?.createdAt ?? stamp.at,
    updatedAt: stamp.at,
    updatedBy: stamp.sub,
    updatedByDepartment: stamp.department,
    requestId: stamp.requestId,
    version: (stored?.version ?? 0) + 1,
  };
  await saveEntity(entity, stored?.version);
  // The search index follows the profile; a retried PUT rewrites the same index items.
  if (stored?.name !== entity.name || stored?.kind !== entity.kind) await writeNameIndex(entity);
  if ((stored?.legalRepresentativeId ?? null) !== (entity.legalRepresentativeId ?? null)) {
    const { records } = await readSubjectState(id);
    await indexListingsUnderRepresentative(id, entity.legalRepresentativeId, records.filter((r) => r.type === 'listing'));
  }
  return { created: !stored, entity };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
