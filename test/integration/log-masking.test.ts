import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestService, type TestService } from '../support/service.ts';

/**
 * No full resident identity number in any log line (DOMAIN.md §2): what the service writes for a
 * refused request, an unexpected error or anything else is masked as `110105********002X`.
 */
const PERSON = '11010519491231002X';
const MASKED = '110105********002X';

let svc: TestService;
let recorder: string;
let written: string[] = [];
let spy: { mockRestore(): void } | undefined;

beforeAll(async () => {
  // The loggers are created when the handlers load, at the start of the service: INFO shows refusals.
  svc = await startTestService({ env: { POWERTOOLS_LOG_LEVEL: 'INFO' } });
  recorder = await svc.token('MARKET', ['recorder']);
});

afterAll(async () => svc?.close());

beforeEach(() => {
  written = [];
  const capture = (chunk: unknown) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture as typeof process.stdout.write);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture as typeof process.stderr.write);
  spy = { mockRestore: () => (out.mockRestore(), err.mockRestore()) };
});

afterEach(() => spy?.mockRestore());

const logged = () => written.join('');

describe('the service’s logs', () => {
  it('mask the identity number in a refused request’s detail', async () => {
    const refused = await svc.call('POST', '/v1/commitments', { token: recorder, body: { subjectId: PERSON, type: 'VOLUNTARY', matter: 'LICENCE', content: '承诺', dueOn: '2099-01-01' } });
    expect(refused.status).toBe(422);
    // The caller is told which subject; the log is not.
    expect(refused.body.detail).toContain(PERSON);
    expect(logged()).toContain('request refused');
    expect(logged()).toContain(MASKED);
    expect(logged()).not.toContain(PERSON);
  });

  it('mask it in a public lookup refused as unknown', async () => {
    expect((await svc.call('GET', `/v1/public/entities/${PERSON}`)).status).toBe(404);
    expect(logged()).toContain(MASKED);
    expect(logged()).not.toContain(PERSON);
  });

  it('never carry an objection’s contact details, filed, refused or decided', async () => {
    const contact = '异议联系人 13912345678 objector@example.cn';
    await svc.call('PUT', `/v1/entities/${PERSON}`, { token: recorder, body: { kind: 'person', name: '张某某', region: '110105', status: 'active' } });
    const penalty = await svc.call('POST', '/v1/records', { token: recorder, body: { subjectId: PERSON, type: 'penalty', documentNo: 'LOG-1', decidedOn: '2026-06-01', title: '违法行为' } });
    const minor = await svc.call('POST', '/v1/records', { token: recorder, body: { subjectId: PERSON, type: 'penalty', documentNo: 'LOG-2', decidedOn: '2026-06-01', title: '轻微', severity: 'minor' } });
    const filed = await svc.call('POST', '/v1/public/objections', { body: { recordId: penalty.body.recordId, subjectId: PERSON, reason: '不符', contact } });
    expect(filed.status).toBe(201);
    expect((await svc.call('POST', '/v1/public/objections', { body: { recordId: minor.body.recordId, subjectId: PERSON, reason: '不符', contact } })).status).toBe(422);
    expect((await svc.call('POST', '/v1/public/objections', { body: { recordId: 'bad', subjectId: PERSON, reason: '不符', contact } })).status).toBe(400);
    expect((await svc.call('POST', `/v1/objections/${filed.body.objectionId}/decide`, { token: recorder, body: { decision: 'upheld', note: '维持' } })).status).toBe(200);
    expect(logged()).toContain('request refused');
    expect(logged()).not.toContain('13912345678');
    expect(logged()).not.toContain('objector@example.cn');
  });

  it('mask it in an error’s message and stack, and in structured attributes', async () => {
    const { logger } = await import('../../functions/http/logger.ts');
    logger.error('request failed', new Error(`the store refused the key SUBJECT#${PERSON}`));
    logger.warn('odd input', { subjectId: PERSON, nested: { ids: [PERSON.toLowerCase()] } });
    const lines = logged().trim().split('\n');
    expect(lines).toHaveLength(2);
    const [error, warning] = lines.map((l) => JSON.parse(l));
    expect(error.error.message).toBe(`the store refused the key SUBJECT#${MASKED}`);
    expect(error.error.stack).toContain(MASKED);
    expect(warning.subjectId).toBe(MASKED);
    expect(warning.nested.ids).toEqual([MASKED.toLowerCase()]);
    expect(logged().toUpperCase()).not.toContain(PERSON);
  });
});
