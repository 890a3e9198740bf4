import { config } from '#config';
import { indexCatalogue, memorandumVersionKey, type CatalogueIndex, type Memorandum } from '#domain/memoranda.ts';
import { readCatalogue, readCatalogueHead, readCatalogueVersion } from './catalogue.ts';

/**
 * The catalogue held in memory by a warm Lambda. Its version is re-read at most every
 * CATALOGUE_REFRESH_MS; a check never reads the catalogue from the store on its own path, and always
 * reports the version of the index it actually used.
 */
let current: CatalogueIndex | undefined;
let checkedAt = 0;
let inflight: Promise<CatalogueIndex> | undefined;
/** Bumped by invalidate(): a refresh that started before it must not mark the cache fresh. */
let generation = 0;
const memoranda = new Map<string, Memorandum>();

async function refresh(): Promise<CatalogueIndex> {
  const startedIn = generation;
  const version = current ? await readCatalogueVersion() : -1;
  if (current && version === current.version) {
    if (startedIn === generation) checkedAt = Date.now();
    return current;
  }
  const head = await readCatalogueHead();
  const catalogue = await readCatalogue(head, memoranda);
  for (const m of catalogue.memoranda) memoranda.set(memorandumVersionKey(m.code, m.version), m);
  current = indexCatalogue(catalogue);
  if (startedIn === generation) checkedAt = Date.now();
  return current;
}

export async function currentCatalogue(): Promise<CatalogueIndex> {
  if (current && Date.now() - checkedAt < config.CATALOGUE_REFRESH_MS) return current;
  inflight ??= refresh().finally(() => {
    inflight = undefined;
  });
  return inflight;
}

/** After this Lambda changed the catalogue itself, the next check must not wait for the refresh period. */
export function invalidateCatalogue(): void {
  generation++;
  checkedAt = 0;
  inflight = undefined;
}
