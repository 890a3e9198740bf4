import { NotFoundError } from '#domain/errors.ts';
import { versionIn, type Memorandum } from '#domain/memoranda.ts';
import { getMemorandumVersion, readCatalogue, readCatalogueHead } from '#data/catalogue.ts';

/**
 * The memoranda as the store holds them now (not a warm Lambda's cached catalogue), so a memorandum
 * reads back as soon as its PUT has answered.
 */

/** Every memorandum of the current catalogue version, by code. Steps: the head → every version it names. */
export async function listMemoranda(): Promise<{ catalogueVersion: number; memoranda: Memorandum[] }> {
  const catalogue = await readCatalogue(await readCatalogueHead());
  return { catalogueVersion: catalogue.version, memoranda: catalogue.memoranda };
}

/**
 * One memorandum at the version the current catalogue holds. Steps: the head → the version it names
 * for `code` (none, `constructor` included: 404) → that version.
 */
export async function getMemorandum(code: string): Promise<Memorandum> {
  const head = await readCatalogueHead();
  const version = versionIn(head, code);
  const stored = version === undefined ? undefined : await getMemorandumVersion(code, version);
  if (!stored) throw new NotFoundError(`No memorandum ${code}`);
  const { hash: _hash, ...memorandum } = stored;
  return memorandum;
}
