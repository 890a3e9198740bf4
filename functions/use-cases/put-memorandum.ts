import { ConflictError } from '#domain/errors.ts';
import { memorandumHash, type Memorandum, type MemorandumContent } from '#domain/memoranda.ts';
import { getMemorandumVersion, putCatalogueVersion, putMemorandumVersion, readCatalogueHead } from '#data/catalogue.ts';
import { invalidateCatalogue } from '#data/catalogue-cache.ts';

interface Stamp {
  sub: string;
  department: string;
  at: string;
  requestId: string;
}

/**
 * Publishes a memorandum as a new version; nothing is overwritten.
 * Steps: read the catalogue head → unchanged content is a no-op → write memorandum version v+1 (an
 * identical one left by an interrupted attempt is reused) → claim catalogue version n+1; if another
 * change claimed it first, start over from the new head.
 */
export async function putMemorandum(content: MemorandumContent, stamp: Stamp): Promise<{ created: boolean; changed: boolean; memorandum: Memorandum }> {
  const hash = memorandumHash(content);
  for (let attempt = 0; attempt < 5; attempt++) {
    const head = await readCatalogueHead();
    const currentVersion = head.memoranda[content.code];
    if (currentVersion !== undefined) {
      const current = await getMemorandumVersion(content.code, currentVersion);
      if (current && current.hash === hash) {
        const { hash: _h, ...memorandum } = current;
        return { created: false, changed: false, memorandum };
      }
    }
    const memorandum: Memorandum = { ...content, version: (currentVersion ?? 0) + 1 };
    const written = await putMemorandumVersion(memorandum, hash, { by: stamp.sub, department: stamp.department, at: stamp.at, requestId: stamp.requestId });
    if (!written) {
      const existing = await getMemorandumVersion(content.code, memorandum.version);
      if (existing?.hash !== hash) {
        throw new ConflictError(`Memorandum ${content.code} version ${memorandum.version} was published concurrently with other content; read it and retry`);
      }
    }
    const claimed = await putCatalogueVersion(
      { version: head.version + 1, memoranda: { ...head.memoranda, [content.code]: memorandum.version } },
      `${content.code}@${memorandum.version}`,
      { by: stamp.sub, at: stamp.at, requestId: stamp.requestId },
    );
    if (claimed) {
      invalidateCatalogue();
      return { created: currentVersion === undefined, changed: true, memorandum };
    }
  }
  throw new ConflictError(`The catalogue is changing too often to publish ${content.code}; retry`);
}
