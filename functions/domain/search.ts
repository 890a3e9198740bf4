/**
 * Public name search (信用中国-style): any fragment of an enterprise's or organization's Chinese name.
 * The index holds every distinct character bigram of a name; a fragment's matches are in the index
 * list of each of its bigrams. Pure: ranking and n-grams only.
 */
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

export interface SearchCandidate {
  id: string;
  name: string;
  kind: string;
}

/** exact name > prefix > contains; shorter names first; then by id for a stable order. */
export function rankMatches(query: string, candidates: readonly SearchCandidate[], limit = 20): SearchCandidate[] {
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
