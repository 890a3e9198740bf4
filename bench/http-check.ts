import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { findCheck } from '#data/checks.ts';
import { runCheck } from '#use-cases/run-check.ts';
import { loadReferenceCatalogue } from '../functions/local/catalogue.ts';
import { signToken } from '../functions/local/tokens.ts';
import { enterpriseCode, seededRandom } from './support/credit-data.ts';
import { ensureDataset } from './support/dataset.ts';
import { measure } from './support/measure.ts';
import { rawCheckPair } from './support/raw-pair.ts';
import { figure, type Bench } from './support/types.ts';

const ENTITIES = 100_000;
const CONNECTIONS = 32;
const ROOT = join(import.meta.dirname, '..');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** `npm start`'s own runtime (bin/start.ts) as a separate process, over the bench's store. */
async function startService(endpoint: string, tableName: string, dataDir: string, secret: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bin/start.ts')], {
    cwd: ROOT,
    env: { ...process.env, DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: tableName, PORT: String(port), DATA_DIR: dataDir, DEMO_DATA: '0', TOKEN_SECRET: secret, POWERTOOLS_LOG_LEVEL: 'SILENT' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/v1/health`)).ok) return { url, child };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the service did not answer /v1/health within 60 s');
}

export const bench: Bench = {
  name: 'http-check',
  description: 'credit checks over HTTP through npm start’s runtime at 32 connections vs the raw Query + Put pair at 32 callers',
  async run(ctx) {
    await ensureDataset(ctx, { entities: ENTITIES, recordsPerEntity: 3, indexed: 0 });
    await loadReferenceCatalogue();
    const random = seededRandom(32);
    const subject = () => (random() < 0.05 ? enterpriseCode(ENTITIES + 1 + Math.floor(random() * 1e6)) : enterpriseCode(1 + Math.floor(random() * ENTITIES)));
    const caller = { sub: 'bench', department: 'APPROVAL', requestId: 'bench' };
    const sample = await runCheck({ subjectId: enterpriseCode(1), matter: 'COMMITMENT_APPROVAL' }, caller);
    const pair = rawCheckPair((await findCheck(sample.checkId))!);
    const raw = () => pair(subject());

    const secret = randomBytes(16).toString('hex');
    const service = await startService(ctx.endpoint, process.env.TABLE_NAME!, join(ctx.tmpDir, 'http-check'), secret);
    try {
      const token = await signToken(new TextEncoder().encode(secret), { sub: 'bench', dept: 'APPROVAL', roles: ['checker'] });
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const overHttp = async () => {
        const res = await fetch(`${service.url}/v1/checks`, { method: 'POST', headers, body: JSON.stringify({ subjectId: subject(), matter: 'COMMITMENT_APPROVAL' }) });
        if (res.status !== 200) throw new Error(`check answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      };
      ctx.log('  http-check: warming up');
      await measure(500, CONNECTIONS, raw);
      await measure(500, CONNECTIONS, overHttp);
      const n = 4000;
      const raw1 = await measure(n, CONNECTIONS, raw);
      const http = await measure(n, CONNECTIONS, overHttp);
      const raw2 = await measure(n, CONNECTIONS, raw);
      const rawRate = (raw1.perSecond + raw2.perSecond) / 2;
      ctx.log(`  http-check: ${http.perSecond.toFixed(0)}/s p50 ${http.p50.toFixed(1)} ms p99 ${http.p99.toFixed(1)} ms; raw pair ${rawRate.toFixed(0)}/s`);
      return [
        figure('http-check', http.perSecond, 'checks/s', rawRate, {
          target: { ratio: 0.5, better: 'higher' },
          note: `over HTTP through bin/start.ts, 32 connections; p50 ${http.p50.toFixed(1)} ms, p99 ${http.p99.toFixed(1)} ms; baseline: the raw pair at 32 callers`,
        }),
        figure('http-check.p50', http.p50, 'ms', raw1.p50, { note: 'latency at 32 connections vs the raw pair' }),
        figure('http-check.p99', http.p99, 'ms', raw1.p99, { note: 'latency at 32 connections vs the raw pair' }),
      ];
    } finally {
      service.child.kill('SIGTERM');
      await new Promise((r) => service.child.once('exit', r));
    }
  },
};
