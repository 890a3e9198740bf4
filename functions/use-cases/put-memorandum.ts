import { ConflictError } from '#domain/errors.ts';
import { assertAdmissible, contentForCode, memorandumHash, memorandumVersionKey, versionIn, type Memorandum, type MemorandumContent } from '#domain/memoranda.ts';
import type { Stamp } from '#domain/records.ts';
import { getMemorandumVersion, latestMemorandumVersion, putCatalogueVersion, putMemorandumVersion, readCatalogueHead } from '#data/catalogue.ts';
import { invalidateCatalogue } from '#data/catalogue-cache.ts';

type Published = { created: boolean; changed: boolean; memorandum: Memorandum };

/** PUT /v1/memoranda/{code}: the body's code, when it names one, must be the path's (400); then putMemorandum. */
export async function publishMemorandum(code: string, body: Omit<MemorandumContent, 'code'> & { code?: string | undefined }, stamp: Stamp): Promise<Published> {
  return putMemorandum(contentForCode(code, body), stamp);
}

/**
 * Publishes a memorandum as a new version; nothing is overwritten.
 * Steps: known lists and matters only (422) → read the catalogue head → unchanged content is a no-op → take the next version after the
 * newest stored one (an identical one left unclaimed by an interrupted attempt is reused; a different
 * unclaimed one is skipped, leaving a gap) → claim catalogue version n+1; if another change claimed
 * it first, start over from the new head.
 */
export async function putMemorandum(content: MemorandumContent, stamp: Stamp): Promise<Published> {
  assertAdmissible(content);
  const hash = memorandumHash(content);
  for (let attempt = 0; attempt < 8; attempt++) {
    const head = await readCatalogueHead();
    const currentVersion = versionIn(head, content.code);
    if (currentVersion !== undefined) {
      const current = await getMemorandumVersion(content.code, currentVersion);
      if (current && current.hash === hash) {
        const { hash: _h, ...memorandum } = current;
        return { created: false, changed: false, memorandum };
      }
    }
    const latest = await latestMemorandumVersion(content.code);
    let version: number;
    if (latest && latest.version !== currentVersion && latest.hash === hash) version = latest.version;
    else {
      version = Math.max(latest?.version ?? 0, currentVersion ?? 0) + 1;
      const written = await putMemorandumVersion({ ...content, version }, hash, { by: stamp.sub, department: stamp.department, at: stamp.at, requestId: stamp.requestId });
      if (!written) continue;
    }
    const memorandum: Memorandum = { ...content, version };
    const claimed = await putCatalogueVersion(
      { version: head.version + 1, memoranda: { ...head.memoranda, [content.code]: version } },
      memorandumVersionKey(content.code, version),
      { by: stamp.sub, at: stamp.at, requestId: stamp.requestId },
    );
    if (claimed) {
      invalidateCatalogue();
      return { created: currentVersion === undefined, changed: true, memorandum };
    }
  }
  throw new ConflictError(`The catalogue is changing too often to publish ${content.code}; retry`);
}
