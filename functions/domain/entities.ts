import type { IsoDate } from './dates.ts';
import type { SubjectKind } from './identifiers.ts';

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
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  updatedByDepartment: string;
  requestId: string;
  version: number;
}

export type EntityInput = Pick<Entity, 'kind' | 'name' | 'region' | 'industry' | 'status' | 'establishedOn' | 'legalRepresentativeId'>;

/** Whether a PUT changes anything: an identical PUT is a no-op (200 with the stored entity). */
export function sameEntityContent(stored: Entity, input: EntityInput): boolean {
  const fields: (keyof EntityInput)[] = ['kind', 'name', 'region', 'industry', 'status', 'establishedOn', 'legalRepresentativeId'];
  return fields.every((f) => (stored[f] ?? null) === (input[f] ?? null));
}
