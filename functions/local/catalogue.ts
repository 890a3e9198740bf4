import memoranda from '#catalogue/memoranda.json' with { type: 'json' };
import { memorandumContentSchema } from '#domain/memoranda.ts';
import { now } from '#domain/clock.ts';
import { putMemorandum } from '#use-cases/put-memorandum.ts';

/**
 * Loads the reference memoranda the project carries (data/memoranda.json) through the same use case as
 * PUT /v1/memoranda; unchanged ones make no new version, so a restart changes nothing.
 */
export async function loadReferenceCatalogue(): Promise<{ changed: number }> {
  const clock = now();
  let changed = 0;
  for (const memo of memorandumContentSchema.array().parse(memoranda.memoranda)) {
    const result = await putMemorandum(memo, { sub: 'catalogue-loader', department: 'DRC', at: clock.at, requestId: 'bootstrap' });
    if (result.changed) changed++;
  }
  return { changed };
}
