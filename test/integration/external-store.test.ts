import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { httpCaller } from '../support/service.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { startTestStore, type TestStore } from '../support/store.ts';

const first17 = '91350100MA0000001';
const ENTERPRISE = first17 + creditCodeCheckCharacter(first17);
const tableName = `ext${randomBytes(4).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'credit-external-'));
let store: TestStore;
const running: ServiceProcess[] = [];

beforeAll(async () => {
  store = await startTestStore();
});

afterAll(async () => {
  for (const service of running) await service.kill();
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<ServiceProcess> {
  const service = await startServiceProcess({ endpoint: store.endpoint, dataDir, tableName, secret: 'external-store-test' });
  running.push(service);
  return service;
}

describe('npm start with DYNAMODB_ENDPOINT', () => {
  it('creates its table in that store, keeps its data there across a restart, and starts no embedded store', async () => {
    const first = await start();
    const call = httpCaller(first.url);
    const token = await first.token('MARKET', ['recorder', 'checker']);
    expect((await call('GET', '/v1/health')).body).toEqual({ status: 'ok' });
    const entity = { kind: 'enterprise', name: '福州外部存储测试有限公司', region: '350100', industry: 'I65', status: 'active' };
    expect((await call('PUT', `/v1/entities/${ENTERPRISE}`, { token, body: entity })).status).toBe(201);
    const listing = await call('POST', '/v1/records', {
      token,
      body: { subjectId: ENTERPRISE, type: 'listing', listCode: 'SAMR_SERIOUS_VIOLATION', documentNo: '闽市监严-1', decidedOn: '2026-01-05', title: '严重违法失信' },
    });
    expect(listing.status).toBe(201);
    expect(await first.stop()).toBe(0);

    // The items are in the external store's table, read there directly.
    const client = new DynamoDBClient({ endpoint: store.endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const scan = await client.send(new ScanCommand({ TableName: tableName, Select: 'COUNT' }));
    client.destroy();
    expect(scan.Count).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, 'store'))).toBe(false);

    const second = await start();
    const again = httpCaller(second.url);
    const token2 = await second.token('MARKET', ['recorder', 'checker']);
    const read = await again('GET', `/v1/entities/${ENTERPRISE}`, { token: token2 });
    expect(read.status).toBe(200);
    expect(read.body.name).toBe(entity.name);
    const records = await again('GET', `/v1/entities/${ENTERPRISE}/records`, { token: token2 });
    expect(records.body.records.map((r: { recordId: string }) => r.recordId)).toEqual([listing.body.recordId]);
    const check = await again('POST', '/v1/checks', { token: token2, body: { subjectId: ENTERPRISE, matter: 'LICENCE' } });
    expect(check.body.hits.map((h: { recordId: string }) => h.recordId)).toEqual([listing.body.recordId]);
    expect(await second.stop()).toBe(0);
  }, 120_000);

  it('fails to start with a clear message when the store does not answer', async () => {
    const unreachable = await startServiceProcess({ endpoint: 'http://127.0.0.1:9', dataDir, tableName, secret: 'x' }).then(
      (service) => {
        running.push(service);
        return 'started';
      },
      (error: Error) => error.message,
    );
    expect(unreachable).toContain('DYNAMODB_ENDPOINT=http://127.0.0.1:9');
  }, 120_000);
});
