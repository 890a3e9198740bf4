import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.ts';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ env: { PUBLIC_RATE_LIMIT: '5' } });
});
afterAll(async () => svc?.close());

it('answers 429 with Retry-After once a client passes the per-minute limit', async () => {
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  for (let i = 0; i < 7; i++) {
    const res = await svc.call('GET', '/v1/public/search?q=%E5%8D%8E%E4%B8%BA');
    statuses.push(res.status);
    if (res.status === 429) {
      retryAfter = res.headers.get('retry-after');
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  }
  // A window boundary may fall inside the loop and reset the count once; the limit still bites.
  expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(5);
  expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(6);
  expect(statuses).toContain(429);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  // Authenticated APIs are not limited this way.
  expect((await svc.call('GET', '/v1/health')).status).toBe(200);
});

it('counts the public list of plans against the same per-client limit', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 8; i++) statuses.push((await svc.call('GET', '/v1/public/plans')).status);
  expect(statuses).toContain(429);
  expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(6);
});

it('counts the reports, objections and repair applications, GET and POST alike, against the same limit', async () => {
  const statuses: number[] = [];
  const calls = [
    () => svc.call('GET', '/v1/public/report-keys'),
    () => svc.call('POST', '/v1/public/reports', { body: { subjectId: '91120224064012553U' } }),
    () => svc.call('POST', '/v1/public/objections', { body: {} }),
    () => svc.call('GET', '/v1/public/repair-applications/RANOSUCHAPPLICATION00?code=X'),
  ];
  for (let i = 0; i < 8; i++) statuses.push((await calls[i % calls.length]!()).status);
  expect(statuses).toContain(429);
  expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(6);
});
