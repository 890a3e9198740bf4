import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/service.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'credit-runtime-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the local runtime', () => {
  it('keeps data on disk across a restart and loads demo data only once', async () => {
    process.env.TOKEN_SECRET = 'runtime-test-secret';
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    const { startLocalService } = await import('../../functions/local/runtime.ts');
    const { signToken } = await import('../../functions/local/tokens.ts');
    const { DEMO } = await import('../../functions/local/demo-data.ts');

    const first = await startLocalService({ root: ROOT, dataDir, demoData: true, tableName: 'credit' });
    const token = await signToken(first.secret, { sub: 'u', dept: 'MARKET', roles: ['recorder'] });
    const put = await fetch(`${first.url}/v1/entities/91350100M000100Y43`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'enterprise', name: '福州测试有限公司', region: '350100', industry: 'I65', status: 'active' }),
    });
    expect(put.status).toBe(201);
    await first.close();

    const second = await startLocalService({ root: ROOT, dataDir, demoData: true, tableName: 'credit' });
    const token2 = await signToken(second.secret, { sub: 'u', dept: 'MARKET', roles: ['checker'] });
    const kept = await fetch(`${second.url}/v1/entities/91350100M000100Y43`, { headers: { authorization: `Bearer ${token2}` } });
    expect(kept.status).toBe(200);
    const records = await fetch(`${second.url}/v1/entities/${DEMO.abnormal}/records`, { headers: { authorization: `Bearer ${token2}` } });
    const body = (await records.json()) as { records: { documentNo: string }[] };
    const documentNos = body.records.map((r) => r.documentNo);
    expect(documentNos.length).toBeGreaterThan(0);
    expect(new Set(documentNos).size).toBe(documentNos.length);
    await second.close();
  });
});
