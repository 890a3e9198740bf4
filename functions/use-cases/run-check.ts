import { now } from '#domain/clock.ts';
import type { Stamp } from '#domain/records.ts';
import { newCheckId } from '#domain/check-ids.ts';
import { cstDate } from '#domain/dates.ts';
import { evaluateMeasures, findHits, type CheckAnswer } from '#domain/checks.ts';
import type { CatalogueIndex } from '#domain/memoranda.ts';
import { isResidentId } from '#domain/identifiers.ts';
import { currentCatalogue } from '#data/catalogue-cache.ts';
import { saveCheck, saveChecks, type CheckLog } from '#data/checks.ts';
import { readCheckState, type CheckState } from '#data/subjects.ts';
import { fileOnDockets } from './projections.ts';

export interface CheckRequest {
  subjectId: string;
  matter: string;
  asOf?: string | undefined;
}

/** Who checks: the request's stamp (its instant is the check's own, checkedAt). */
export type Checker = Omit<Stamp, 'at'>;

export type { CheckAnswer };

/** The answer from what was read: the subject's listing state and, for a person, the represented enterprises. */
function answerFrom(
  request: CheckRequest,
  caller: Checker,
  catalogue: CatalogueIndex,
  checkedAt: Date,
  state: CheckState,
  represented: readonly Represented[],
): CheckAnswer {
  const asOf = request.asOf ?? checkedAt.toISOString();
  const date = cstDate(new Date(asOf));
  const hits = state.entity ? findHits(state.listings, represented, asOf, date) : [];
  const { measures, verdict } = evaluateMeasures(hits, catalogue, caller.department, request.matter);
  const shown = hits.length > MAX_HITS_SHOWN ? [...hits].sort((a, b) => (a.since < b.since ? 1 : -1)).slice(0, MAX_HITS_SHOWN) : hits;
  return {
    checkId: newCheckId(checkedAt),
    checkedAt: checkedAt.toISOString(),
    asOf,
    matter: request.matter,
    department: caller.department,
    catalogueVersion: catalogue.version,
    subject: state.entity
      ? { id: request.subjectId, known: true, name: state.entity.name, kind: state.entity.kind }
      : { id: request.subjectId, known: false },
    hits: shown,
    ...(shown.length < hits.length ? { hitCount: hits.length } : {}),
    measures,
    verdict,
  };
}

const isPerson = (id: string, checkedAt: Date) => isResidentId(id, cstDate(checkedAt));

/** An answer lists at most this many hits (the latest first), so neither it nor its log grows without bound. */
export const MAX_HITS_SHOWN = 100;

type Represented = { enterpriseId: string; listings: CheckState['listings'] };

/**
 * The enterprises a person represents, with their listings. The person's links point the way; each
 * enterprise's own profile decides (a link left by a change of representative counts for nothing).
 */
async function representedBy(personId: string, state: CheckState): Promise<Represented[]> {
  const enterprises = await mapBounded([...new Set(state.represents)], READ_CONCURRENCY, (id) => readCheckState(id));
  return enterprises.flatMap((e) =>
    e.entity && e.entity.legalRepresentativeId === personId ? [{ enterpriseId: e.entity.id, listings: e.listings }] : [],
  );
}

/** The subject's one consistent Query; for a person who represents enterprises, theirs after it. */
async function readForCheck(subjectId: string, checkedAt: Date): Promise<[CheckState, Represented[]]> {
  const state = await readCheckState(subjectId);
  const represented = state.represents.length && isPerson(subjectId, checkedAt) ? await representedBy(subjectId, state) : [];
  return [state, represented];
}

async function answer(request: CheckRequest, caller: Checker, catalogue: CatalogueIndex, checkedAt: Date): Promise<CheckAnswer> {
  const [state, represented] = await readForCheck(request.subjectId, checkedAt);
  return answerFrom(request, caller, catalogue, checkedAt, state, represented);
}

const logOf = (a: CheckAnswer, request: CheckRequest, caller: Checker): CheckLog => ({
  checkId: a.checkId,
  subjectId: request.subjectId,
  department: caller.department,
  sub: caller.sub,
  requestId: caller.requestId,
  checkedAt: a.checkedAt,
  catalogueVersion: a.catalogueVersion,
  request: { subjectId: request.subjectId, matter: request.matter, ...(request.asOf ? { asOf: request.asOf } : {}) },
  answer: a,
});

/**
 * A credit check. Steps: the in-memory catalogue → read the subject (one consistent Query of its
 * profile and listings; a person's represented enterprises after it) → pure evaluation → write the
 * log (one put, with its outbox mark: the stream or the sweep counts it in the ledger within seconds)
 * → when it returned measures, file it on the department's docket → answer. The answer is only given
 * once it is logged.
 */
export async function runCheck(request: CheckRequest, caller: Checker, checkedAt = new Date(now().at)): Promise<CheckAnswer> {
  const catalogue = await currentCatalogue();
  const result = await answer(request, caller, catalogue, checkedAt);
  const log = logOf(result, request, caller);
  await saveCheck(log);
  await fileOnDockets([log]);
  return result;
}

/** Runs `tasks` with at most `limit` in flight, keeping their order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  });
  await Promise.all(workers);
  return results;
}

export const READ_CONCURRENCY = 16;

/**
 * A batch of checks against one catalogue version: each distinct subject read as a single check reads
 * it, with a bound on the reads in flight; the logs in batch writes; those with measures on the docket.
 */
export async function runBatchCheck(matter: string, subjectIds: readonly string[], caller: Checker, checkedAt = new Date(now().at)): Promise<CheckAnswer[]> {
  const catalogue = await currentCatalogue();
  const unique = [...new Set(subjectIds)];
  const read = await mapBounded(unique, READ_CONCURRENCY, (id) => readForCheck(id, checkedAt));
  const states = new Map(unique.map((id, i) => [id, read[i]!]));
  const requests = subjectIds.map((subjectId) => ({ subjectId, matter }));
  const answers = requests.map((r) => answerFrom(r, caller, catalogue, checkedAt, ...states.get(r.subjectId)!));
  const logs = answers.map((a, i) => logOf(a, requests[i]!, caller));
  await saveChecks(logs);
  await fileOnDockets(logs);
  return answers;
}
