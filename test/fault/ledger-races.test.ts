/**
 * The ledger counts each check and each feedback once however many projectors race over it — the
 * request, the table's stream, the sweep — with the store behind a proxy that delays every store call
 * by 0–40 ms, so their reads and writes interleave as against a remote DynamoDB: a projector that read
 * the month item before another one settled the same event must not count it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '../../functions/domain/identifiers.ts';
import { startLatencyProxy, type LatencyProxy } from '../support/latency-proxy.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { startTestStore, type TestStore } from '../support/store.ts';

const ROUNDS = 40;
/** Projectors racing over each round's events. */
const PROJECTORS = 4;
const CHECKS_PER_ROUND = 3;

const DEFAULTER = (() => {
  const first17 = '91120000MA00R0001';
  return first17 + creditCodeCheckCharacter(first17);
})();
const CP = 'M-COURT-DEFAULTER-2016/CP';

let store: TestStore;
let proxy: LatencyProxy;
let svc: TestService;

beforeAll(async () => {
  store = await startTestStore();
  proxy = await startLatencyProxy(store.endpoint, { maxDelayMs: 40 });
  // The sweep is part of the races below, run by the test, not on a timer.
  svc = await startTestService({ storeEndpoint: proxy.endpoint, env: { OUTBOX_SWEEP_MS: '3600000' } });
  const recorder = await svc.token('MARKET', ['recorder']);
  const court = await svc.token('COURT', ['recorder']);
  expect((await svc.call('PUT', `/v1/entities/${DEFAULTER}`, { token: recorder, body: { kind: 'enterprise', name: '竞态台账企业', region: '120000', industry: 'C13', status: 'active', establishedOn: '2010-01-01' } })).status).toBe(201);
  expect((await svc.call('POST', '/v1/records', { token: court, body: { subjectId: DEFAULTER, type: 'listing', listCode: 'COURT_DEFAULTER', documentNo: '(2026)津01执77号', decidedOn: '2026-02-01', title: '失信被执行人' } })).status).toBe(201);
});

afterAll(async () => {
  await svc?.close();
  await proxy?.close();
  await store?.close();
});

describe('the ledger under racing projectors', () => {
  it(`counts every check and feedback of ${ROUNDS} rounds exactly once`, async () => {
    const { findCheck, saveCheck, saveFeedback } = await import('../../functions/data/checks.ts');
    const { projectChecks, projectFeedback, sweepOutbox } = await import('../../functions/use-cases/projections.ts');
    const { newCheckId } = await import('../../functions/domain/check-ids.ts');
    const { feedbackOf } = await import('../../functions/domain/feedback.ts');
    const token = await svc.token('APPROVAL', ['checker']);
    const answered = await svc.call('POST', '/v1/checks', { token, body: { subjectId: DEFAULTER, matter: 'COMMITMENT_APPROVAL' } });
    expect(answered.status).toBe(200);
    const template = (await findCheck(answered.body.checkId))!;
    const month = template.checkedAt.slice(0, 7);
    const row = async () => {
      const res = await svc.call('GET', `/v1/ledger?from=${month}&to=${month}`, { token });
      return res.body.rows.find((r: { department: string }) => r.department === 'APPROVAL');
    };
    // The answered check is counted by the sweep (the stream in AWS), not by its request.
    expect(await sweepOutbox(0)).toBeGreaterThanOrEqual(1);
    const before = await row();
    expect(before).toMatchObject({ checks: 1, awaiting: 1 });

    for (let round = 0; round < ROUNDS; round++) {
      // Checks logged by requests that died before their projection, then raced over.
      const logs = Array.from({ length: CHECKS_PER_ROUND }, () => {
        const checkId = newCheckId(new Date(template.checkedAt));
        return { ...template, checkId, requestId: `race-${round}`, answer: { ...template.answer, checkId } };
      });
      for (const log of logs) await saveCheck(log);
      await Promise.all([...Array.from({ length: PROJECTORS }, () => projectChecks(logs)), sweepOutbox(0)]);
      // A feedback on the first, stored by a request that died, raced over the same way.
      const stamp = { sub: 'race', department: 'APPROVAL', at: new Date().toISOString(), requestId: `race-fb-${round}` };
      const given = feedbackOf({ measure: CP, outcome: round % 2 ? 'applied' : 'not-applied', ...(round % 2 ? {} : { note: '竞态测试' }) }, stamp);
      expect((await saveFeedback(logs[0]!, given)).created).toBe(true);
      const stored = { ...given, checkId: logs[0]!.checkId, subjectId: logs[0]!.subjectId, checkedAt: logs[0]!.checkedAt };
      await Promise.all([...Array.from({ length: PROJECTORS }, () => projectFeedback(stored)), sweepOutbox(0)]);
    }

    const after = await row();
    const checks = ROUNDS * CHECKS_PER_ROUND;
    expect(after).toEqual({
      ...before,
      checks: before.checks + checks,
      checksWithMeasures: before.checksWithMeasures + checks,
      measuresReturned: before.measuresReturned + checks,
      applied: before.applied + ROUNDS / 2,
      notApplied: before.notApplied + ROUNDS / 2,
      awaiting: before.awaiting + checks - ROUNDS,
      feedbackRate: (before.applied + before.notApplied + ROUNDS) / (before.measuresReturned + checks),
    });
    expect(await sweepOutbox(0)).toBe(0);
    // And the docket agrees: every first check of a round is settled, the others await feedback.
    const awaiting = await svc.call('GET', '/v1/checks?awaiting=feedback&limit=200', { token });
    expect(awaiting.body.checks).toHaveLength(1 + checks - ROUNDS);
  }, 180_000);
});
