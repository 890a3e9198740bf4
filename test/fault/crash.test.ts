/**
 * A crash in the middle of a burst of listing writes. The store runs in its own process (reached
 * through DYNAMODB_ENDPOINT, behind the latency proxy) and survives; the service is `npm start`'s
 * entry point in a child process, killed with SIGKILL while writes are in flight, then started again
 * on the same store. Nothing retries the interrupted requests: whatever the service wrote before it
 * died, every check must agree with the records.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, cstDate } from '../../functions/domain/dates.ts';
import { creditCodeCheckCharacter, residentCheckCharacter } from '../../functions/domain/identifiers.ts';
import { disagreements } from '../support/agreement.ts';
import { startLatencyProxy, type LatencyProxy } from '../support/latency-proxy.ts';
import { inPool, listsExtendingToRepresentative, observe } from '../support/observe.ts';
import { httpCaller } from '../support/service.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { startTestStore, type TestStore } from '../support/store.ts';

const SUBJECTS = 30;
const BURST = 180;
const IN_FLIGHT = 24;
/** The service is killed once this many of the burst's writes have answered. */
const KILL_AFTER = 60;

const enterpriseId = (n: number) => {
  const first17 = `91310115MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const personId = (n: number) => {
  const first17 = `310115197506${String(n).padStart(2, '0')}0${String(n).padStart(2, '0')}`;
  return first17 + residentCheckCharacter(first17);
};

const dataDir = mkdtempSync(join(tmpdir(), 'credit-crash-'));
const secret = randomBytes(16).toString('hex');
const tableName = `crash${randomBytes(4).toString('hex')}`;
const today = cstDate(new Date());
let store: TestStore;
let proxy: LatencyProxy;
const services: ServiceProcess[] = [];

async function start(): Promise<ServiceProcess> {
  const service = await startServiceProcess({ endpoint: proxy.endpoint, dataDir, tableName, secret });
  services.push(service);
  return service;
}

beforeAll(async () => {
  store = await startTestStore();
  proxy = await startLatencyProxy(store.endpoint, { maxDelayMs: 40 });
});

afterAll(async () => {
  for (const service of services) await service.kill();
  await proxy?.close();
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Outcome = { status: number } | { interrupted: string } | { unsent: true };

describe('a SIGKILL in the middle of a burst of listing writes', () => {
  it('leaves every check agreeing with the records after a restart, with no client retry', async () => {
    const first = await start();
    const call = httpCaller(first.url);
    const market = await first.token('MARKET', ['recorder']);
    const court = await first.token('COURT', ['recorder']);
    const enterprises = Array.from({ length: SUBJECTS }, (_, i) => enterpriseId(i + 1));
    const persons = Array.from({ length: SUBJECTS / 3 }, (_, i) => personId(i + 1));

    // Before the burst: registered subjects (each third enterprise represented by a person), each
    // with two listings the burst will end or retract.
    for (const id of persons) {
      expect((await call('PUT', `/v1/entities/${id}`, { token: market, body: { kind: 'person', name: `代表人${id.slice(-4)}`, region: '310115', status: 'active' } })).status).toBe(201);
    }
    await inPool(enterprises, 8, async (id, i) => {
      const body = { kind: 'enterprise', name: `崩溃测试企业${id.slice(-5)}`, region: '310115', industry: 'F51', status: 'active', ...(i % 3 === 0 ? { legalRepresentativeId: persons[i / 3] } : {}) };
      expect((await call('PUT', `/v1/entities/${id}`, { token: market, body })).status).toBe(201);
    });
    const existing = (
      await inPool(enterprises, 8, async (id) => {
        const ids: string[] = [];
        for (const n of [1, 2]) {
          const res = await call('POST', '/v1/records', {
            token: court,
            body: { subjectId: id, type: 'listing', listCode: 'COURT_DEFAULTER', documentNo: `(2026)沪执前${id.slice(-5)}-${n}号`, decidedOn: addDays(today, -40), title: '失信被执行人' },
          });
          expect(res.status).toBe(201);
          ids.push(res.body.recordId);
        }
        return ids;
      })
    ).flat();

    // The burst: creates, ends and retracts across every subject, interleaved.
    const writes = Array.from({ length: BURST }, (_, i) => {
      const subject = enterprises[i % SUBJECTS]!;
      const target = existing[i % existing.length]!;
      switch (i % 3) {
        case 0:
          return () =>
            call('POST', '/v1/records', {
              token: court,
              body: { subjectId: subject, type: 'listing', listCode: 'COURT_DEFAULTER', documentNo: `(2026)沪执${i}号`, decidedOn: addDays(today, -3), title: '失信被执行人' },
            });
        case 1:
          return () => call('POST', `/v1/records/${target}/end`, { token: court, body: { endedOn: i % 2 ? today : addDays(today, 20), reason: '已履行' } });
        default:
          return () => call('POST', `/v1/records/${target}/retract`, { token: court, body: { reason: '录入错误' } });
      }
    });
    let answered = 0;
    let killed: Promise<void> | undefined;
    const outcomes = await inPool(writes, IN_FLIGHT, async (write): Promise<Outcome> => {
      if (killed) return { unsent: true };
      try {
        const res = await write();
        if (++answered === KILL_AFTER) killed = first.kill();
        return { status: res.status };
      } catch (error) {
        return { interrupted: String((error as Error).cause ?? error) };
      }
    });
    await killed;
    expect(first.child.signalCode).toBe('SIGKILL');
    const interrupted = outcomes.filter((o) => 'interrupted' in o).length;
    const statuses = outcomes.flatMap((o) => ('status' in o ? [o.status] : []));
    const unsent = outcomes.filter((o) => 'unsent' in o).length;
    console.log(`burst of ${BURST}: ${statuses.length} answered (${[...new Set(statuses)].sort().join(', ')}), ${interrupted} in flight when killed, ${unsent} never sent`);
    expect(statuses.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(interrupted).toBeGreaterThan(0);
    // Whatever answered, answered within the contract (a retracted listing cannot be ended: 409).
    for (const status of statuses) expect([200, 201, 409]).toContain(status);

    // The same store, a new process; no request of the burst is sent again.
    const second = await start();
    const checker = await second.token('APPROVAL', ['checker']);
    const seen = await observe(httpCaller(second.url), { reader: checker, checker }, [...enterprises, ...persons]);
    const found = disagreements(seen.checks, seen.world, listsExtendingToRepresentative(), seen.today);
    console.log(`after the restart: ${found.length} disagreements between checks and records`);
    for (const d of found.slice(0, 10)) console.log(`  ${d.subjectId} ${d.via}/${d.recordId}: ${d.problem}, ${d.detail}`);
    expect(found).toEqual([]);
    // The checks had something to agree on: listings in force, and some that the burst took away.
    const records = [...seen.world.values()].flatMap((s) => s.records);
    expect(records.some((r) => r.status === 'active')).toBe(true);
    expect(records.some((r) => r.status === 'retracted')).toBe(true);
    expect(await second.stop()).toBe(0);
  }, 120_000);
});
