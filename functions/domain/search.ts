import { z } from 'zod';
import { entitySchema, type Entity } from './entities.ts';
import { idFamily, normaliseId } from './identifiers.ts';

/**
 * Public name search (信用中国-style): any fragment of an enterprise's or organization's Chinese name.
 * The index holds every distinct character bigram of a name; a fragment's matches are in the index
 * list of each of its bigrams. Pure: matching, ranking and n-grams only.
 */
export const SEARCH_LIMIT = 20;

/** A subject as the search finds it: in the name index, and in the answer. */
export const searchCandidateSchema = entitySchema.pick({ id: true, name: true, kind: true });
export type SearchCandidate = z.infer<typeof searchCandidateSchema>;

export const searchResultsSchema = z
  .object({
    results: z
      .array(searchCandidateSchema.extend({ id: z.string().describe("Unified social credit code; a person's identity number is masked") }))
      .max(SEARCH_LIMIT)
      .describe('Exact name first, then names starting with the query, then the rest; shorter names first'),
  })
  .describe('Subjects found by a name fragment or a full code (主体查询).');
export type SearchResults = z.infer<typeof searchResultsSchema>;

export function bigrams(text: string): string[] {
  const chars = [...normaliseName(text)];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return [...out];
}

/** Full-width brackets and spaces vary between registers; search ignores the difference. */
export function normaliseName(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toUpperCase();
}

/**
 * The index entries of a subject's name: one per distinct bigram, each with the name's length so
 * the shortest names come first in a bigram's list. A person is never found by name (DOMAIN.md §8).
 */
export function nameIndexEntries(entity: Pick<Entity, 'name' | 'kind'>): { gram: string; nameLength: number }[] {
  if (entity.kind === 'person') return [];
  const nameLength = [...normaliseName(entity.name)].length;
  return bigrams(entity.name).map((gram) => ({ gram, nameLength }));
}

/** Whether a candidate's name contains the fragment (the bigrams only narrow the candidates down). */
export const nameMatches = (fragment: string, candidate: Pick<SearchCandidate, 'name'>) => normaliseName(candidate.name).includes(normaliseName(fragment));

/** The query as a full code (credit code or identity number with a valid check character), if it is one. */
export function fullCodeOf(query: string, today: string): string | undefined {
  const code = normaliseId(query);
  return idFamily(code, today) ? code : undefined;
}

/** exact name > prefix > contains; shorter names first; then by id for a stable order. */
export function rankMatches(query: string, candidates: readonly SearchCandidate[], limit = SEARCH_LIMIT): SearchCandidate[] {
  const q = normaliseName(query);
  const rank = (c: SearchCandidate) => {
    const n = normaliseName(c.name);
    return n === q ? 0 : n.startsWith(q) ? 1 : 2;
  };
  const seen = new Set<string>();
  return candidates
    .filter((c) => normaliseName(c.name).includes(q) && !seen.has(c.id) && seen.add(c.id))
    .sort((a, b) => rank(a) - rank(b) || [...a.name].length - [...b.name].length || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
}
