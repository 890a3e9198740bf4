import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { startTestService, type TestService } from '../support/service.ts';

/**
 * API.md, Ledger: rows reflect a check or a feedback within 5 seconds of its request's answer. The
 * local runtime's own sweep counts checks (the table's stream does in AWS); a feedback's request counts it.
 */
const DEFAULTER = (() => {
  const first17 = '91120000MA00G0001';
  return first17 + creditCodeCheckCharacter(first17);
})();

let svc: TestService;
let checker: string;

beforeAll(async () => {
  svc = await startTestService();
  checker = await svc.token('APPROVAL', ['checker']);
  const recorder = await svc.token('MARKET', ['recorder']);
  const court = await svc.token('COURT', ['recorder']);
  expect((await svc.call('PUT', `/v1/entities/${DEFAULTER}`, { token: recorder, body: { kind: 'enterprise', name: '时效测试企业', region: '120000', industry: 'C13', status: 'active', establishedOn: '2010-01-01' } })).status).toBe(201);
  expect((await svc.call('POST', '/v1/records', { token: court, body: { subjectId: DEFAULTER, type: 'listing', listCode: 'COURT_DEFAULTER', documentNo: '(2026)津01执55号', decidedOn: '2026-02-01', title: '失信被执行人' } })).status).toBe(201);
});

afterAll(async () => svc?.close());

const thisMonth = async () => (await svc.call('GET', '/v1/ledger', { token: checker })).body.rows.at(-1);

describe('the ledger keeps up with the requests', () => {
  it('reflects a check within 5 seconds of its answer, and its feedback as soon as that is answered', async () => {
    const answered = await svc.call('POST', '/v1/checks', { token: checker, body: { subjectId: DEFAULTER, matter: 'COMMITMENT_APPROVAL' } });
    expect(answered.status).toBe(200);
    const deadline = Date.now() + 5_000;
    let row = await thisMonth();
    while (!row && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      row = await thisMonth();
    }
    expect(row).toMatchObject({ department: 'APPROVAL', checks: 1, checksWithMeasures: 1, measuresReturned: 1, awaiting: 1 });
    const fb = await svc.call('POST', `/v1/checks/${answered.body.checkId}/feedback`, { token: checker, body: { measure: 'M-COURT-DEFAULTER-2016/CP', outcome: 'applied' } });
    expect(fb.status).toBe(201);
    expect(await thisMonth()).toMatchObject({ checks: 1, applied: 1, awaiting: 0, feedbackRate: 1 });
  });
});
