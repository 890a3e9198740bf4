import type { Now } from '#domain/clock.ts';
import { NotFoundError } from '#domain/errors.ts';
import { isResidentId, maskResidentId } from '#domain/identifiers.ts';
import { isPublic } from '#domain/records.ts';
import { rankMatches } from '#domain/search.ts';
import { currentProfiles, findNameCandidates } from '#data/search.ts';
import { getEntity, readSubjectState } from '#data/subjects.ts';

const PUBLIC_TYPES = new Set(['licence', 'penalty', 'listing', 'inspection']);

type StoredRecord = Awaited<ReturnType<typeof readSubjectState>>['records'][number];
const publiclyVisible = (records: readonly StoredRecord[], today: string) => records.filter((r) => PUBLIC_TYPES.has(r.type) && isPublic(r, today));

/**
 * An entity's public credit report (DOMAIN.md §8): only records the public may see today, no risk
 * class, a person's identity number masked, and the instant the data was read. A natural person with
 * nothing public is answered exactly as an unknown id: an identity number alone never discloses a name.
 */
export async function publicReport(id: string, now: Now) {
  const { entity, records } = await readSubjectState(id);
  if (!entity) throw new NotFoundError(`No entity ${id}`);
  const visible = publiclyVisible(records, now.today);
  if (entity.kind === 'person' && visible.length === 0) throw new NotFoundError(`No entity ${id}`);
  const shown = visible
    .sort((a, b) => (a.decidedOn < b.decidedOn ? 1 : a.decidedOn > b.decidedOn ? -1 : 0))
    .map((r) => ({
      type: r.type,
      title: r.title,
      documentNo: r.documentNo,
      decidedOn: r.decidedOn,
      department: r.department,
      ...(r.listCode ? { listCode: r.listCode } : {}),
      ...(r.type === 'penalty' && r.publicUntil ? { publicUntil: r.publicUntil } : {}),
      ...(r.type !== 'penalty' && r.validUntil ? { validUntil: r.validUntil } : {}),
      ...(r.endedOn && r.endedOn > now.today ? { endsOn: r.endedOn } : {}),
      ...(r.type === 'penalty' && r.fineAmount !== undefined ? { fineAmount: r.fineAmount } : {}),
      ...(r.outcome ? { outcome: r.outcome } : {}),
    }));
  return {
    id: entity.kind === 'person' ? maskResidentId(entity.id) : entity.id,
    name: entity.name,
    kind: entity.kind,
    status: entity.status,
    records: shown,
    dataAsOf: now.at,
  };
}

const masked = (r: { id: string; name: string; kind: string }) => (r.kind === 'person' ? { ...r, id: maskResidentId(r.id) } : r);

/**
 * Finds subjects by a name fragment (2+ characters) or a full code. A person is found only by the full
 * identity number, only when they have a public record, and shown masked. Index hits are confirmed
 * against current profiles.
 */
export async function searchSubjects(query: string, fullCode: string | undefined, today: string) {
  if (fullCode && isResidentId(fullCode, today)) {
    const { entity, records } = await readSubjectState(fullCode);
    return entity && publiclyVisible(records, today).length > 0 ? [masked({ id: entity.id, name: entity.name, kind: entity.kind })] : [];
  }
  if (fullCode) {
    const entity = await getEntity(fullCode);
    if (entity) return [masked({ id: entity.id, name: entity.name, kind: entity.kind })];
  }
  const candidates = await findNameCandidates(query, 60);
  const profiles = await currentProfiles(rankMatches(query, candidates, 40).map((c) => c.id));
  const confirmed = candidates.flatMap((c) => {
    const p = profiles.get(c.id);
    return p && p.kind !== 'person' ? [{ id: c.id, name: p.name, kind: p.kind }] : [];
  });
  return rankMatches(query, confirmed, 20);
}
