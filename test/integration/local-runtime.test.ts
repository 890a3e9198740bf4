import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/service.ts';
import { signToken } from '../../functions/local/tokens.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'credit-runtime-'));
const env = { ...process.env, DATA_DIR: dataDir, TOKEN_SECRET: 'runtime-test-secret', POWERTOOLS_LOG_LEVEL: 'SILENT' };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Runs `npm start`'s entry point as a user would, and waits until it listens. */
async function start(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], { cwd: ROOT, env: { ...env, PORT: String(port) } });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 60_000;
  while (!output.includes('listening')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`service did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

describe('npm start', () => {
  it('serves health and demo data, stops cleanly on SIGTERM, and keeps data across a restart', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const token = await signToken(new TextEncoder().encode('runtime-test-secret'), { sub: 'u', dept: 'MARKET', roles: ['recorder', 'checker'] });
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const first = await start(port);
    expect(await (await fetch(`${url}/v1/health`)).json()).toEqual({ status: 'ok' });
    const demo = await fetch(`${url}/v1/entities/91120224064012553U`, { headers: auth });
    expect(demo.status).toBe(200);
    const put = await fetch(`${url}/v1/entities/91350100M000100Y43`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ kind: 'enterprise', name: '福州测试有限公司', region: '350100', industry: 'I65', status: 'active' }),
    });
    expect(put.status).toBe(201);
    expect(await stop(first.child)).toBe(0);
    expect(first.output()).toContain('stopped');

    const second = await start(port);
    expect((await fetch(`${url}/v1/entities/91350100M000100Y43`, { headers: auth })).status).toBe(200);
    const records = (await (await fetch(`${url}/v1/entities/91120224064012553U/records`, { headers: auth })).json()) as {
      records: { documentNo: string }[];
    };
    const documentNos = records.records.map((r) => r.documentNo);
    expect(documentNos.length).toBeGreaterThan(0);
    expect(new Set(documentNos).size).toBe(documentNos.length);
    expect(await stop(second.child)).toBe(0);
  }, 120_000);
});
