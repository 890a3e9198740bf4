/**
 * Races of listing changes over HTTP, with the store behind a proxy that delays every store call by
 * 0–40 ms, so the service's reads and writes interleave as against a remote DynamoDB. Each race fires
 * its two requests at once; once every write has answered, every check must agree with the records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, cstDate } from '../../functions/domain/dates.ts';
import { creditCodeCheckCharacter, residentCheckCharacter } from '../../functions/domain/identifiers.ts';
import { disagreements, type Disagreement } from '../support/agreement.ts';
import { startLatencyProxy, type LatencyProxy } from '../support/latency-proxy.ts';
import { inPool, listsExtendingToRepresentative, observe } from '../support/observe.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { startTestStore, type TestStore } from '../support/store.ts';

const RACES = 100;
/** Races in flight at once (each two requests): enough to overlap, few enough for two cores. */
const CONCURRENCY = 6;
/** Requests in flight while setting up and observing. */
const SETUP_CONCURRENCY = 8;
const EXTENDS = listsExtendingToRepresentative();

const enterpriseId = (series: number, n: number) => {
  const first17 = `9111010${series}MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const personId = (series: number, n: number) => {
  const first17 = `110105198${series}0101${String(n).padStart(3, '0')}`;
  return first17 + residentCheckCharacter(first17);
};

let store: TestStore;
let proxy: LatencyProxy;
let svc: TestService;
const tokens = {} as Record<'market' | 'court' | 'checker', string>;
const today = cstDate(new Date());

beforeAll(async () => {
  store = await startTestStore();
  proxy = await startLatencyProxy(store.endpoint, { maxDelayMs: 40 });
  svc = await startTestService({ storeEndpoint: proxy.endpoint });
  tokens.market = await svc.token('MARKET', ['recorder']);
  tokens.court = await svc.token('COURT', ['recorder']);
  tokens.checker = await svc.token('APPROVAL', ['checker']);
});

afterAll(async () => {
  await svc?.close();
  await proxy?.close();
  await store?.close();
});

type Answer = { status: number; body: any };

const enterpriseBody = (id: string, legalRepresentativeId?: string) => ({
  kind: 'enterprise',
  name: `竞态测试企业${id.slice(-6)}`,
  region: '110101',
  industry: 'F51',
  status: 'active',
  establishedOn: '2012-03-01',
  ...(legalRepresentativeId ? { legalRepresentativeId } : {}),
});

async function put(id: string, body: object): Promise<Answer> {
  return svc.call('PUT', `/v1/entities/${id}`, { token: tokens.market, body });
}

async function registered(id: string, body: object): Promise<void> {
  const res = await put(id, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

const listingBody = (subjectId: string, documentNo: string, listCode: string, decidedOn: string) => ({
  subjectId,
  type: 'listing',
  listCode,
  documentNo,
  decidedOn,
  title: `竞态测试 ${documentNo}`,
});

async function listed(token: string, body: object): Promise<string> {
  const res = await svc.call('POST', '/v1/records', { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.recordId;
}

const staggered = (request: () => Promise<Answer>, maxMs: number) => new Promise((r) => setTimeout(r, Math.random() * maxMs)).then(request);
/**
 * Fires both requests together, each setting off within its own random 0–stagger ms, so the races probe
 * many alignments of their store calls; resolves once both have answered.
 */
const race = (a: () => Promise<Answer>, b: () => Promise<Answer>, stagger: readonly [number, number] = [30, 30]) =>
  Promise.all([staggered(a, stagger[0]), staggered(b, stagger[1])]);

/** Status pairs seen, e.g. `200/409` → 37, for the report and the assertions on what answered. */
function tally(pairs: (readonly [Answer, Answer])[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [a, b] of pairs) counts[`${a.status}/${b.status}`] = (counts[`${a.status}/${b.status}`] ?? 0) + 1;
  return counts;
}

async function disagreementsAmong(subjectIds: string[]): Promise<Disagreement[]> {
  const seen = await observe(svc.call, { reader: tokens.checker, checker: tokens.checker }, subjectIds, SETUP_CONCURRENCY / 2);
  return disagreements(seen.checks, seen.world, EXTENDS, seen.today);
}

function report(name: string, started: number, pairs: (readonly [Answer, Answer])[], found: Disagreement[]) {
  console.log(`${name}: ${pairs.length} races in ${((performance.now() - started) / 1000).toFixed(1)} s, answers ${JSON.stringify(tally(pairs))}, ${found.length} disagreements`);
  for (const d of found.slice(0, 10)) console.log(`  ${d.subjectId} ${d.via}/${d.recordId}: ${d.problem}, ${d.detail}`);
}

const expectAnswers = (pairs: (readonly [Answer, Answer])[], first: number[], second: number[]) => {
  for (const [a, b] of pairs) {
    expect(first, `first request answered ${a.status}: ${JSON.stringify(a.body)}`).toContain(a.status);
    expect(second, `second request answered ${b.status}: ${JSON.stringify(b.body)}`).toContain(b.status);
  }
};

/**
 * Races on listings of `subjects` enterprises (RACES / subjects listings each), each subject also
 * holding one listing nobody touches, so the checks must keep hitting something.
 */
async function listingRaces(
  series: number,
  listCode: string,
  decidedOn: string,
  fire: (recordId: string, i: number) => Promise<readonly [Answer, Answer]>,
): Promise<{ pairs: (readonly [Answer, Answer])[]; found: Disagreement[] }> {
  const subjects = Array.from({ length: 10 }, (_, i) => enterpriseId(series, i + 1));
  await inPool(subjects, SETUP_CONCURRENCY, (id) => registered(id, enterpriseBody(id)));
  await inPool(subjects, SETUP_CONCURRENCY, (id) => listed(tokens.market, listingBody(id, `对照-${series}-${id.slice(-6)}`, listCode, decidedOn)));
  const recordIds = await inPool(Array.from({ length: RACES }, (_, i) => i), SETUP_CONCURRENCY, (i) =>
    listed(tokens.market, listingBody(subjects[i % subjects.length]!, `竞态-${series}-${i}`, listCode, decidedOn)),
  );
  const pairs = await inPool(recordIds, CONCURRENCY, (recordId, i) => fire(recordId, i));
  return { pairs, found: await disagreementsAmong(subjects) };
}

const change = (recordId: string, action: string, body: object) => () =>
  svc.call('POST', `/v1/records/${recordId}/${action}`, { token: tokens.market, body });

describe.concurrent('listing races under store latency: every check agrees with the records once all writes have answered', () => {
  it('end × retract', async () => {
    const started = performance.now();
    const { pairs, found } = await listingRaces(1, 'SAMR_SERIOUS_VIOLATION', addDays(today, -30), (recordId, i) =>
      // Mostly an end still ahead, so a lost retraction would show as a hit; every third ends today.
      race(change(recordId, 'end', { endedOn: i % 3 === 0 ? today : addDays(today, 30), reason: '已履行' }), change(recordId, 'retract', { reason: '录入错误' })),
    );
    report('end × retract', started, pairs, found);
    expectAnswers(pairs, [200, 409], [200, 409]);
    expect(found).toEqual([]);
  }, 120_000);

  it('end × repair', async () => {
    const started = performance.now();
    // Decided three years ago on a list the keeper may repair: the minimum period has passed.
    const { pairs, found } = await listingRaces(2, 'SAMR_SERIOUS_VIOLATION', addMonths(today, -36), (recordId) =>
      race(
        change(recordId, 'end', { endedOn: addDays(today, 30), reason: '期满移出' }),
        change(recordId, 'repair', { reason: '已整改并作出信用修复承诺', repairCommitment: true, correctedOn: today }),
      ),
    );
    report('end × repair', started, pairs, found);
    expectAnswers(pairs, [200, 409, 422], [200, 409, 422]);
    expect(found).toEqual([]);
  }, 120_000);

  it('retract × correct', async () => {
    const started = performance.now();
    const { pairs, found } = await listingRaces(3, 'SAMR_SERIOUS_VIOLATION', addDays(today, -30), (recordId, i) =>
      race(
        change(recordId, 'retract', { reason: '录入错误' }),
        change(recordId, 'correct', { changes: { validUntil: addDays(today, 60 + (i % 30)) }, reason: '更正有效期' }),
        // A correction does more before it writes than a retraction: hold the retraction back a little,
        // so both orders occur.
        [60, 0],
      ),
    );
    report('retract × correct', started, pairs, found);
    // A correction after the retraction is 409 (API.md, Records).
    expectAnswers(pairs, [200, 409], [200, 409]);
    expect(found).toEqual([]);
  }, 120_000);

  it('create × unchanged entity PUT', async () => {
    const started = performance.now();
    const subjects = Array.from({ length: 10 }, (_, i) => enterpriseId(4, i + 1));
    await inPool(subjects, SETUP_CONCURRENCY, (id) => registered(id, enterpriseBody(id)));
    // Half as many again: its window is the narrowest of the five.
    const pairs = await inPool(Array.from({ length: RACES * 1.5 }, (_, i) => i), CONCURRENCY, (i) => {
      const id = subjects[i % subjects.length]!;
      return race(
        () => svc.call('POST', '/v1/records', { token: tokens.market, body: listingBody(id, `并发-${i}`, 'SAMR_SERIOUS_VIOLATION', addDays(today, -10)) }),
        () => put(id, enterpriseBody(id)),
        // An unchanged PUT spends its first store calls on the profile and the name index: the create
        // sets off up to 50 ms later, so that its writes can fall between the PUT's later read and write.
        [50, 0],
      );
    });
    const found = await disagreementsAmong(subjects);
    report('create × unchanged entity PUT', started, pairs, found);
    expectAnswers(pairs, [201], [200]);
    expect(found).toEqual([]);
  }, 120_000);

  it('create × change of legal representative', async () => {
    const started = performance.now();
    // 20 enterprises, each switching five times between two of ten persons while a court listing arrives.
    const persons = Array.from({ length: 10 }, (_, i) => personId(5, i + 1));
    const enterprises = Array.from({ length: 20 }, (_, i) => enterpriseId(5, i + 1));
    const representatives = (e: number) => [persons[e % 10]!, persons[(e + 3) % 10]!] as const;
    await inPool(persons, SETUP_CONCURRENCY, (id) => registered(id, { kind: 'person', name: `代表人${id.slice(-4)}`, region: '110105', status: 'active' }));
    await inPool(enterprises, SETUP_CONCURRENCY, (id, e) => registered(id, enterpriseBody(id, representatives(e)[0])));
    const rounds = RACES / enterprises.length;
    const pairs = (
      await inPool(enterprises, CONCURRENCY, async (id, e) => {
        const done: (readonly [Answer, Answer])[] = [];
        for (let round = 0; round < rounds; round++) {
          const next = representatives(e)[(round + 1) % 2];
          done.push(
            await race(
              () => svc.call('POST', '/v1/records', { token: tokens.court, body: listingBody(id, `(2026)京01执${e}-${round}号`, 'COURT_DEFAULTER', addDays(today, -5)) }),
              () => put(id, enterpriseBody(id, next)),
            ),
          );
        }
        return done;
      })
    ).flat();
    const found = await disagreementsAmong([...enterprises, ...persons]);
    report('create × change of legal representative', started, pairs, found);
    expect(pairs.length).toBeGreaterThanOrEqual(RACES);
    expectAnswers(pairs, [201], [200]);
    expect(found).toEqual([]);
  }, 120_000);
});
