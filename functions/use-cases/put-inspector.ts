import { ForbiddenError } from '#domain/errors.ts';
import { findInspectorAnywhere, saveInspector, type Inspector } from '#data/inspectors.ts';

/**
 * Adds or updates an inspector of the caller's department. Inspector ids are unique across
 * departments, because a draw's team tickets are computed from them.
 */
export async function putInspector(input: Omit<Inspector, 'updatedAt' | 'updatedBy' | 'requestId'>, stamp: { sub: string; at: string; requestId: string }) {
  const existing = await findInspectorAnywhere(input.id);
  if (existing && existing.department !== input.department) {
    throw new ForbiddenError(`Inspector ${input.id} belongs to ${existing.department}`);
  }
  const unchanged =
    existing &&
    existing.name === input.name &&
    existing.certificateNo === input.certificateNo &&
    JSON.stringify(existing.fields) === JSON.stringify(input.fields) &&
    JSON.stringify(existing.conflicts) === JSON.stringify(input.conflicts);
  if (existing && unchanged) return { created: false, inspector: strip(existing) };
  const inspector: Inspector = { ...input, updatedAt: stamp.at, updatedBy: stamp.sub, requestId: stamp.requestId };
  await saveInspector(inspector);
  return { created: !existing, inspector };
}

function strip(i: Inspector): Inspector {
  const { id, department, name, certificateNo, fields, conflicts, updatedAt, updatedBy, requestId } = i;
  return { id, department, name, certificateNo, fields, conflicts, updatedAt, updatedBy, requestId };
}
