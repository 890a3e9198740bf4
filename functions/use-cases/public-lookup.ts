import type { Now } from '#domain/clock.ts';
import { NotFoundError } from '#domain/errors.ts';
import { isResidentId } from '#domain/identifiers.ts';
import { publicId, publiclyVisible, publicReportOf, recordsUnderObjection, type PublicReport } from '#domain/public-report.ts';
import { bigrams, nameMatches, normaliseName, rankMatches, SEARCH_LIMIT, type SearchCandidate } from '#domain/search.ts';
import { currentProfiles, nameGramPage } from '#data/search.ts';
import { getEntity, readSubjectState } from '#data/subjects.ts';

/**
 * An entity's public credit report (DOMAIN.md §8).
 * Steps: read the subject's profile and records (one consistent Query) → unknown is 404 → the report
 * of what the public may see today; a natural person with nothing public is 404 as well.
 */
export async function publicReport(id: string, now: Now): Promise<PublicReport> {
  const { entity, records, objections } = await readSubjectState(id);
  const report = entity ? publicReportOf(entity, records, now, recordsUnderObjection(objections)) : undefined;
  if (!report) throw new NotFoundError(`No entity ${id}`);
  return report;
}

/** Index entries read per bigram list and round. */
const PAGE = 200;

const shown = (s: SearchCandidate): SearchCandidate => ({ id: publicId(s), name: s.name, kind: s.kind });

/**
 * Candidates for a fragment of at least two characters. Every match is in the list of each of the
 * fragment's bigrams, so the lists are read side by side, a page at a time, shortest names first;
 * reading stops when one list is exhausted (the set is complete) or enough matches are in hand.
 */
async function nameCandidates(fragment: string, enough: number): Promise<SearchCandidate[]> {
  const grams = bigrams(normaliseName(fragment));
  const cursors: (Record<string, unknown> | undefined | null)[] = grams.map(() => undefined);
  const found = new Map<string, SearchCandidate>();
  for (;;) {
    const pages = await Promise.all(
      grams.map(async (gram, i) => {
        const cursor = cursors[i];
        if (cursor === null) return [];
        const page = await nameGramPage(gram, PAGE, cursor);
        cursors[i] = page.next ?? null;
        return page.candidates;
      }),
    );
    for (const candidates of pages) for (const c of candidates) if (nameMatches(fragment, c)) found.set(c.id, c);
    if (cursors.some((c) => c === null) || found.size >= enough) return [...found.values()];
  }
}

/**
 * Finds subjects by a name fragment (2+ characters) or a full code (`fullCode`: the query, when
 * fullCodeOf finds it one).
 * Steps: a full identity number finds the person only when they have a public record, shown masked →
 * a full credit code finds its subject → otherwise the name index's candidates, confirmed against the
 * current profiles (an entry left by a renamed entity is dropped; a person is never found by name),
 * ranked: exact name, then prefix, then the rest, shorter names first.
 */
export async function searchSubjects(query: string, fullCode: string | undefined, today: string): Promise<SearchCandidate[]> {
  if (fullCode && isResidentId(fullCode, today)) {
    const { entity, records } = await readSubjectState(fullCode);
    return entity && publiclyVisible(records, today).length > 0 ? [shown(entity)] : [];
  }
  if (fullCode) {
    const entity = await getEntity(fullCode);
    if (entity) return [shown(entity)];
  }
  const candidates = await nameCandidates(query, 3 * SEARCH_LIMIT);
  const profiles = await currentProfiles(rankMatches(query, candidates, 2 * SEARCH_LIMIT).map((c) => c.id));
  const confirmed = candidates.flatMap((c) => {
    const p = profiles.get(c.id);
    return p && p.kind !== 'person' ? [{ id: c.id, name: p.name, kind: p.kind }] : [];
  });
  return rankMatches(query, confirmed, SEARCH_LIMIT);
}
