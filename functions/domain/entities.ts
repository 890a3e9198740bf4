import type { IsoDate } from './dates.ts';
import type { SubjectKind } from './identifiers.ts';

/** One change of an entity's fields, kept in its history: nothing is overwritten without trace. */
export interface EntityChange {
  at: string;
  by: string;
  department: string;
  requestId: string;
  fields: Record<string, { from: unknown; to: unknown }>;
}

/** A market entity, organization or person, as its registering department last described it. */
export interface Entity {
  id: string;
  kind: SubjectKind;
  name: string;
  region: string;
  industry?: string;
  status: 'active' | 'revoked' | 'cancelled';
  establishedOn?: IsoDate;
  legalRepresentativeId?: string;
  /** The department that registered the entity: only it (or an admin) changes it. */
  registeredBy: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  updatedByDepartment: string;
  requestId: string;
  version: number;
  changes: EntityChange[];
}

export type EntityInput = Pick<Entity, 'kind' | 'name' | 'region' | 'industry' | 'status' | 'establishedOn' | 'legalRepresentativeId'>;

export const ENTITY_FIELDS: (keyof EntityInput)[] = ['kind', 'name', 'region', 'industry', 'status', 'establishedOn', 'legalRepresentativeId'];

/** The history lives in the profile item itself (one atomic write per change), so it has a bound. */
export const MAX_ENTITY_CHANGES = 200;

/** What a PUT changes, field by field (null where a field is absent); empty for an identical PUT. */
export function entityDiff(stored: Entity, input: EntityInput): EntityChange['fields'] {
  const fields: EntityChange['fields'] = {};
  for (const f of ENTITY_FIELDS) {
    const from = stored[f] ?? null;
    const to = input[f] ?? null;
    if (from !== to) fields[f] = { from, to };
  }
  return fields;
}

/** Whether a PUT changes anything: an identical PUT is a no-op (200 with the stored entity). */
export function sameEntityContent(stored: Entity, input: EntityInput): boolean {
  return Object.keys(entityDiff(stored, input)).length === 0;
}

/** Who may change a registered entity: the department that registered it, or an admin. */
export function mayChangeEntity(entity: Pick<Entity, 'registeredBy'>, department: string, isAdmin: boolean): boolean {
  return isAdmin || entity.registeredBy === department;
}
