import { randomBytes } from 'node:crypto';
import { now } from '#domain/clock.ts';
import { cstDate } from '#domain/dates.ts';
import { evaluateMeasures, findHits, type AppliedMeasure, type Hit, type Verdict } from '#domain/checks.ts';
import type { CatalogueIndex } from '#domain/memoranda.ts';
import { isResidentId } from '#domain/identifiers.ts';
import { currentCatalogue } from '#data/catalogue-cache.ts';
import { saveCheck, saveChecks, type CheckLog } from '#data/checks.ts';
import { readListingState, readListingStates, readRepresentedEnterprises, type ListingState } from '#data/subjects.ts';

export interface CheckRequest {
  subjectId: string;
  matter: string;
  asOf?: string | undefined;
}

export interface Caller {
  sub: string;
  department: string;
  requestId: string;
}

export interface CheckAnswer {
  checkId: string;
  checkedAt: string;
  asOf: string;
  matter: string;
  department: string;
  catalogueVersion: number;
  subject: { id: string; known: boolean; name?: string; kind?: string };
  hits: Hit[];
  measures: AppliedMeasure[];
  verdict: Verdict;
}

/** Check ids sort by time, so a subject's recent checks are one range of its partition. */
export function newCheckId(at: Date): string {
  return `${at.getTime().toString(36).padStart(9, '0')}${randomBytes(8).toString('hex')}`;
}

export const checkIdFloor = (at: Date) => at.getTime().toString(36).padStart(9, '0');

/** The answer from what was read: the subject's listing state and, for a person, the represented enterprises. */
function answerFrom(
  request: CheckRequest,
  caller: Caller,
  catalogue: CatalogueIndex,
  checkedAt: Date,
  state: ListingState,
  represented: Awaited<ReturnType<typeof readRepresentedEnterprises>>,
): CheckAnswer {
  const asOf = request.asOf ?? checkedAt.toISOString();
  const date = cstDate(new Date(asOf));
  const hits = state.entity
    ? findHits(state.listings, represented.map((r) => ({ enterpriseId: r.entity.id, listings: r.listings })), asOf, date)
    : [];
  const { measures, verdict } = evaluateMeasures(hits, catalogue, caller.department, request.matter);
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
    hits,
    measures,
    verdict,
  };
}

const isPerson = (id: string, checkedAt: Date) => isResidentId(id, cstDate(checkedAt));

/** One store round trip: the subject's profile, and for a person the represented enterprises, in parallel. */
async function answer(request: CheckRequest, caller: Caller, catalogue: CatalogueIndex, checkedAt: Date): Promise<CheckAnswer> {
  const [state, represented] = await Promise.all([
    readListingState(request.subjectId),
    isPerson(request.subjectId, checkedAt) ? readRepresentedEnterprises(request.subjectId) : Promise.resolve([]),
  ]);
  return answerFrom(request, caller, catalogue, checkedAt, state, represented);
}

const logOf = (a: CheckAnswer, request: CheckRequest, caller: Caller): CheckLog => ({
  checkId: a.checkId,
  subjectId: request.subjectId,
  department: caller.department,
  sub: caller.sub,
  requestId: caller.requestId,
  checkedAt: a.checkedAt,
  catalogueVersion: a.catalogueVersion,
  request: { subjectId: request.subjectId, matter: request.matter, ...(request.asOf ? { asOf: request.asOf } : {}) },
  answer: a as unknown as Record<string, unknown>,
});

/**
 * A credit check. Steps: the in-memory catalogue → read the subject (one round trip) → pure
 * evaluation → write the log (one put) → answer. The answer is only given once it is logged.
 */
export async function runCheck(request: CheckRequest, caller: Caller, checkedAt = new Date(now().at)): Promise<CheckAnswer> {
  const catalogue = await currentCatalogue();
  const result = await answer(request, caller, catalogue, checkedAt);
  await saveCheck(logOf(result, request, caller));
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

export const BATCH_READ_CONCURRENCY = 16;

/**
 * A batch of checks against one catalogue version: the profiles in BatchGetItem calls (100 a call),
 * the persons' represented enterprises concurrently with a bound, the logs in batch writes.
 */
export async function runBatchCheck(matter: string, subjectIds: readonly string[], caller: Caller, checkedAt = new Date(now().at)): Promise<CheckAnswer[]> {
  const catalogue = await currentCatalogue();
  const persons = [...new Set(subjectIds.filter((id) => isPerson(id, checkedAt)))];
  const [states, representedList] = await Promise.all([
    readListingStates(subjectIds),
    mapBounded(persons, BATCH_READ_CONCURRENCY, (id) => readRepresentedEnterprises(id)),
  ]);
  const represented = new Map(persons.map((id, i) => [id, representedList[i]!]));
  const requests = subjectIds.map((subjectId) => ({ subjectId, matter }));
  const answers = requests.map((r) => answerFrom(r, caller, catalogue, checkedAt, states.get(r.subjectId) ?? { listings: [] }, represented.get(r.subjectId) ?? []));
  await saveChecks(answers.map((a, i) => logOf(a, requests[i]!, caller)));
  return answers;
}
