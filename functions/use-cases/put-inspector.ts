import { ForbiddenError } from '#domain/errors.ts';
import { claimInspectorId, getInspector, saveInspector, type Inspector } from '#data/inspectors.ts';

/**
 * Adds or updates an inspector of the caller's department.
 * Steps: claim the id for the department (one conditional write; an id another department holds is
 * 403) → read the department's entry → unchanged is 200 with it, otherwise write it (201 when new).
 */
export async function putInspector(input: Omit<Inspector, 'updatedAt' | 'updatedBy' | 'requestId'>, stamp: { sub: string; at: string; requestId: string }) {
  const claim = await claimInspectorId(input.id, input.department, stamp.at);
  if (!claim.held) throw new ForbiddenError(`Inspector ${input.id} belongs to ${claim.by}`);
  const existing = await getInspector(input.department, input.id);
  const unchanged =
    existing &&
    existing.name === input.name &&
    existing.certificateNo === input.certificateNo &&
    JSON.stringify(existing.fields) === JSON.stringify(input.fields) &&
    JSON.stringify(existing.conflicts) === JSON.stringify(input.conflicts);
  if (existing && unchanged) return { created: false, inspector: existing };
  const inspector: Inspector = { ...input, updatedAt: stamp.at, updatedBy: stamp.sub, requestId: stamp.requestId };
  await saveInspector(inspector);
  return { created: !existing, inspector };
}
