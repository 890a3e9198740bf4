import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cstDate } from '../../functions/domain/dates.ts';
import type { ObservedHit, ObservedSubject } from './agreement.ts';
import { ROOT, type Call } from './service.ts';

/** Lists whose memberships reach a listed enterprise's legal representative (data/lists.json `extendsTo`). */
export function listsExtendingToRepresentative(): Set<string> {
  const catalogue = JSON.parse(readFileSync(join(ROOT, 'data/lists.json'), 'utf8')) as { lists: { code: string; extendsTo: string[] }[] };
  return new Set(catalogue.lists.filter((l) => l.extendsTo.includes('legalRepresentative')).map((l) => l.code));
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function inPool<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface Observation {
  today: string;
  world: Map<string, ObservedSubject>;
  checks: Map<string, ObservedHit[]>;
}

/**
 * Reads, over HTTP, each subject's profile, records and a check (as `checker`), once no write is in
 * flight. The CST date is taken before and after, so a run across midnight is detected, not misjudged.
 */
export async function observe(call: Call, tokens: { reader: string; checker: string }, subjectIds: readonly string[], concurrency = 8): Promise<Observation> {
  const before = cstDate(new Date());
  const world = new Map<string, ObservedSubject>();
  const checks = new Map<string, ObservedHit[]>();
  await inPool(subjectIds, concurrency, async (id) => {
    const [entity, records, check] = await Promise.all([
      call('GET', `/v1/entities/${id}`, { token: tokens.reader }),
      call('GET', `/v1/entities/${id}/records`, { token: tokens.reader }),
      call('POST', '/v1/checks', { token: tokens.checker, body: { subjectId: id, matter: 'LICENCE' } }),
    ]);
    for (const [what, res] of [['entity', entity], ['records', records], ['check', check]] as const) {
      if (res.status !== 200) throw new Error(`${what} of ${id} answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    world.set(id, { id, kind: entity.body.kind, legalRepresentativeId: entity.body.legalRepresentativeId, records: records.body.records });
    checks.set(id, check.body.hits);
  });
  const after = cstDate(new Date());
  if (before !== after) throw new Error('the observation ran across midnight in China Standard Time; run the test again');
  return { today: after, world, checks };
}
