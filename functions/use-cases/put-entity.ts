import { entityDiff, MAX_ENTITY_CHANGES, mayChangeEntity, provisionalEntityInput, REGISTRATION_KEEPER, type Entity, type EntityInput } from '#domain/entities.ts';
import { ConflictError, ForbiddenError, InadmissibleError, ValidationError } from '#domain/errors.ts';
import { idProblem } from '#domain/identifiers.ts';
import type { Stamp } from '#domain/records.ts';
import { getEntity, linkRepresentative, saveEntity } from '#data/subjects.ts';
import { projectEntity } from './projections.ts';

/**
 * The stored entity, if the caller may change it: only the registering department or an admin may
 * (403 before the body is even read); undefined when the id is not registered yet.
 */
export async function entityToChange(id: string, department: string, isAdmin: boolean): Promise<Entity | undefined> {
  const stored = await getEntity(id);
  if (stored && !mayChangeEntity(stored, department, isAdmin)) {
    throw new ForbiddenError(
      stored.provisional
        ? `Entity ${id} is provisional; only the registration keeper ${REGISTRATION_KEEPER} or an admin may complete it`
        : `Entity ${id} is registered by ${stored.registeredBy}; only that department or an admin may change it`,
    );
  }
  return stored;
}

/**
 * Registers or changes an entity.
 * Steps: the id must fit the kind (400) → an identical PUT changes nothing (and completes what a
 * first one may have left) — unless it completes a provisional entity, whose registrar the caller's
 * department then becomes → a new legal representative gets its link first → the whole profile,
 * with the change in its history, in one put conditional on the version read → the search index.
 */
export async function putEntity(id: string, stored: Entity | undefined, input: EntityInput, stamp: Stamp, today: string, options: { provisional?: boolean } = {}) {
  const problem = idProblem(id, input.kind, today);
  if (problem) throw ValidationError.field('id', problem);
  const fields = stored ? entityDiff(stored, input) : {};
  const registeredBy = stored && !stored.provisional ? stored.registeredBy : stamp.department;
  if (stored?.provisional) {
    fields.provisional = { from: true, to: null };
    if (stored.registeredBy !== registeredBy) fields.registeredBy = { from: stored.registeredBy, to: registeredBy };
  }
  if (stored && Object.keys(fields).length === 0) {
    await projectEntity(stored);
    return { created: false, entity: stored };
  }
  if (stored && stored.changes.length >= MAX_ENTITY_CHANGES) {
    throw InadmissibleError.field('id', `an entity keeps at most ${MAX_ENTITY_CHANGES} changes in its history`);
  }
  const entity: Entity = {
    ...stripUndefined(input),
    id,
    registeredBy,
    ...(!stored && options.provisional ? { provisional: true as const } : {}),
    createdAt: stored?.createdAt ?? stamp.at,
    updatedAt: stamp.at,
    updatedBy: stamp.sub,
    updatedByDepartment: stamp.department,
    requestId: stamp.requestId,
    version: (stored?.version ?? 0) + 1,
    changes: stored ? [...stored.changes, { at: stamp.at, by: stamp.sub, department: stamp.department, requestId: stamp.requestId, fields }] : [],
  };
  // The person's link before the profile that names them: a check of that person never misses the enterprise.
  if (entity.legalRepresentativeId && entity.legalRepresentativeId !== stored?.legalRepresentativeId) {
    await linkRepresentative(entity.legalRepresentativeId, id, stamp.at);
  }
  await saveEntity(entity, stored?.version, true);
  await projectEntity(entity);
  return { created: !stored, entity };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Registers a subject an import names but the register does not hold, from the row's name and code
 * alone, as a provisional entity (API.md, imports). Steps: the entity from what the code says → a
 * create conditional on there being none → when another request registered it first, that one.
 */
export async function registerProvisional(id: string, name: string, family: 'creditCode' | 'residentId', stamp: Stamp, today: string): Promise<{ created: boolean; entity: Entity }> {
  try {
    return await putEntity(id, undefined, provisionalEntityInput(id, name, family), stamp, today, { provisional: true });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const stored = await getEntity(id);
    if (!stored) throw error;
    return { created: false, entity: stored };
  }
}
