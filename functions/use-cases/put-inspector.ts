import { ForbiddenError } from '#domain/errors.ts';
import { inspectorEntry, sameInspector, type Inspector, type InspectorInput } from '#domain/inspectors.ts';
import type { Stamp } from '#domain/records.ts';
import { claimInspectorId, getInspector, inspectorIdHolder, saveInspector } from '#data/inspectors.ts';

/** Refuses an id another department holds (403) before the body is read; putInspector then decides it atomically. */
export async function refuseForeignInspector(id: string, department: string): Promise<void> {
  const holder = await inspectorIdHolder(id);
  if (holder !== undefined && holder !== department) throw new ForbiddenError(`Inspector ${id} belongs to ${holder}`);
}

/**
 * Adds or updates an inspector of a department (the caller's).
 * Steps: fields and conflicts as sorted sets → claim the id for the department (one conditional write; an id another department holds is
 * 403) → read the department's entry → unchanged is 200 with it, otherwise write it (201 when new).
 */
export async function putInspector(
  input: InspectorInput & Pick<Inspector, 'id' | 'department'>,
  stamp: Pick<Stamp, 'sub' | 'at' | 'requestId'>,
): Promise<{ created: boolean; inspector: Inspector }> {
  const entry = inspectorEntry(input);
  const claim = await claimInspectorId(entry.id, entry.department, stamp.at);
  if (!claim.held) throw new ForbiddenError(`Inspector ${entry.id} belongs to ${claim.by}`);
  const existing = await getInspector(entry.department, entry.id);
  if (existing && sameInspector(existing, entry)) return { created: false, inspector: existing };
  const inspector: Inspector = { ...entry, updatedAt: stamp.at, updatedBy: stamp.sub, requestId: stamp.requestId };
  await saveInspector(inspector);
  return { created: !existing, inspector };
}
