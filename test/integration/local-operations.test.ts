import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/service.ts';
import { signToken } from '../../functions/local/tokens.ts';
import { dataDirOf, DEFAULT_DATA_DIR } from '../../functions/local/paths.ts';

/**
 * Operating the service on one machine as its users do: `npm start` stopped by the PID the shell
 * gives, the store's process never outliving the service, an access log, the CLI import while the
 * service runs, and the tools' own help.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const freshDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'credit-ops-'));
  dirs.push(dir);
  return dir;
};
const SECRET = 'operations-test-secret';
/** The shell of a user: no AWS settings, and nothing from the test run that the service would not see. */
const userEnv = (dataDir: string, extra: Record<string, string> = {}) => {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_') && !['TABLE_NAME', 'DYNAMODB_ENDPOINT', 'TEST_STORE_ENDPOINT', 'npm_lifecycle_event'].includes(k)) env[k] = v;
  return { ...env, DATA_DIR: dataDir, TOKEN_SECRET: SECRET, DEMO_DATA: '0', POWERTOOLS_LOG_LEVEL: 'SILENT', ...extra };
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, condition: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Started {
  child: ChildProcess;
  url: string;
  servicePid: number;
  storePid: number;
  output(): string;
}

/** `npm start` itself, through npm, as a user types it; the child is npm. */
async function npmStart(dataDir: string, env: Record<string, string> = {}): Promise<Started> {
  const port = await freePort();
  const child = spawn('npm', ['start'], { cwd: ROOT, env: userEnv(dataDir, { PORT: String(port), ...env }) });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await until('npm start to listen', () => {
    if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
    return /listening on .*, pid \d+/.test(output);
  }, 60_000);
  const servicePid = Number(/pid (\d+)/.exec(output)![1]);
  const note = JSON.parse(readFileSync(join(dataDir, 'store.json'), 'utf8')) as { pid: number };
  return { child, url: `http://127.0.0.1:${port}`, servicePid, storePid: note.pid, output: () => output };
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

describe('npm start, stopped by the PID the shell gives', () => {
  it('stops the service and its store on SIGTERM to npm, closing the port and keeping the data', async () => {
    const dataDir = freshDataDir();
    const first = await npmStart(dataDir);
    expect(first.servicePid).not.toBe(first.child.pid);
    expect(alive(first.storePid)).toBe(true);
    const token = await signToken(new TextEncoder().encode(SECRET), { sub: 'u', dept: 'MARKET', roles: ['recorder'] });
    const put = await fetch(`${first.url}/v1/entities/91120101MA05A0001N`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'enterprise', name: '天津甲商贸有限公司', region: '120101', industry: 'F51', status: 'active' }),
    });
    expect(put.status).toBe(201);

    process.kill(first.child.pid!, 'SIGTERM');
    await exited(first.child);
    await until('the service to exit', () => !alive(first.servicePid), 15_000);
    await until('the store to exit', () => !alive(first.storePid), 15_000);
    expect(first.output()).toContain('stopped; data kept in');
    await expect(fetch(`${first.url}/v1/health`)).rejects.toThrow();
    expect(existsSync(join(dataDir, 'store.json'))).toBe(false);

    // The store's files were released: a second start opens them and finds the entity.
    const second = await npmStart(dataDir);
    expect((await fetch(`${second.url}/v1/entities/91120101MA05A0001N`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    process.kill(second.child.pid!, 'SIGINT');
    await exited(second.child);
    await until('the second service to exit', () => !alive(second.servicePid) && !alive(second.storePid), 15_000);
  }, 180_000);

  it('leaves no store behind when the service itself is killed outright', async () => {
    const dataDir = freshDataDir();
    const started = await npmStart(dataDir);
    process.kill(started.servicePid, 'SIGKILL');
    await until('the store to follow its parent', () => !alive(started.storePid), 15_000);
    await exited(started.child);
  }, 120_000);
});

describe('the access log', () => {
  it('writes one line per request — method, route, status, milliseconds, request id — with route templates, not identifiers', async () => {
    const dataDir = freshDataDir();
    const started = await npmStart(dataDir);
    try {
      const health = await fetch(`${started.url}/v1/health`);
      const missing = await fetch(`${started.url}/v1/entities/91120101MA05A0001N`);
      const unknown = await fetch(`${started.url}/v1/nothing-here`);
      const ids = [health, missing, unknown].map((r) => r.headers.get('x-request-id'));
      expect(ids.every((id) => /^[0-9a-f-]{36}$/.test(id ?? ''))).toBe(true);
      await until('three access lines', () => ids.every((id) => started.output().includes(id!)), 10_000);
      const lineOf = (id: string) => started.output().split('\n').find((l) => l.includes(id))!;
      expect(lineOf(ids[0]!)).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z GET \/v1\/health 200 \d+\.\dms [0-9a-f-]{36}$/);
      expect(lineOf(ids[1]!)).toMatch(/ GET \/v1\/entities\/\{id\} 401 \d+\.\dms /);
      expect(lineOf(ids[2]!)).toMatch(/ GET \/v1\/nothing-here 404 /);
      expect(started.output()).not.toContain('91120101MA05A0001N');
      // The SDK's multi-line Node warning never shows; the one-line note at most once.
      expect(started.output()).not.toContain('NodeVersionSupportWarning');
      expect(started.output().split('note: Node').length - 1).toBeLessThanOrEqual(1);
    } finally {
      process.kill(started.child.pid!, 'SIGTERM');
      await exited(started.child);
    }
  }, 120_000);
});

describe('jobs in npm start', () => {
  it('logs each step of a plan freeze with its progress, up to the committed population', async () => {
    const dataDir = freshDataDir();
    const started = await npmStart(dataDir, { DEMO_DATA: '1', PLAN_INLINE_POPULATION: '0' });
    try {
      const planner = await signToken(new TextEncoder().encode(SECRET), { sub: 'p', dept: 'MARKET', roles: ['planner'] });
      const seed = 'progress-in-the-log-seed-0001';
      const created = await fetch(`${started.url}/v1/plans`, {
        method: 'POST',
        headers: { authorization: `Bearer ${planner}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: '日志中的进度', departments: ['MARKET'], scope: {}, ratios: { A: 0.1, B: 0.2, C: 0.5, D: 1 }, seedCommitment: createHash('sha256').update(seed).digest('hex') }),
      });
      expect(created.status).toBe(202);
      const { planId } = (await created.json()) as { planId: string };
      await until('the committed population in the log', () => started.output().includes('population committed'), 60_000);
      const steps = started.output().split('\n').filter((l) => l.startsWith('job freeze-segment: ') && l.includes(`plan ${planId}`));
      expect(steps).toHaveLength(32);
      const counts = steps.map((l) => Number(/; (\d+) of 32 segments/.exec(l)?.[1]));
      expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
      const view = (await (await fetch(`${started.url}/v1/plans/${planId}`, { headers: { authorization: `Bearer ${planner}` } })).json()) as { status: string; population: Record<string, number> };
      expect(view.status).toBe('frozen');
      const committed = /population committed: (.*) \(\d+ ms\)/.exec(started.output())![1]!;
      expect(committed).toBe(Object.entries(view.population).map(([k, n]) => `${k} ${n}`).join(', '));
    } finally {
      process.kill(started.child.pid!, 'SIGTERM');
      await exited(started.child);
    }
  }, 120_000);
});

describe('npm run import while the service runs', () => {
  it('imports through the running service’s store, and the service answers with the records at once', async () => {
    const dataDir = freshDataDir();
    const started = await npmStart(dataDir);
    try {
      const recorder = await signToken(new TextEncoder().encode(SECRET), { sub: 'u', dept: 'MARKET', roles: ['recorder'] });
      const auth = { authorization: `Bearer ${recorder}`, 'content-type': 'application/json' };
      const put = await fetch(`${started.url}/v1/entities/91120101MA05A0001N`, {
        method: 'PUT',
        headers: auth,
        body: JSON.stringify({ kind: 'enterprise', name: '天津甲商贸有限公司', region: '120101', industry: 'F51', status: 'active' }),
      });
      expect(put.status).toBe(201);
      const file = join(dataDir, 'listing.jsonl');
      writeFileSync(file, JSON.stringify({ subjectId: '91120101MA05A0001N', type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: '津市监异〔2026〕21号', decidedOn: '2026-05-20', title: '通过登记的住所无法联系，列入经营异常名录' }) + '\n');
      const run = spawnSync('npm', ['run', '-s', 'import', '--', '--dept', 'MARKET', '--file', file], { cwd: ROOT, env: userEnv(dataDir), encoding: 'utf8', timeout: 60_000 });
      expect(run.stderr).toContain("the running service's store");
      expect(run.status, run.stderr).toBe(0);
      const records = await fetch(`${started.url}/v1/entities/91120101MA05A0001N/records`, { headers: auth });
      expect(records.status).toBe(200);
      const body = (await records.json()) as { records: { documentNo: string; type: string }[] };
      expect(body.records.map((r) => [r.type, r.documentNo])).toEqual([['listing', '津市监异〔2026〕21号']]);
    } finally {
      process.kill(started.child.pid!, 'SIGTERM');
      await exited(started.child);
    }
  }, 120_000);
});

describe('the local tools', () => {
  it('npm run token -- --help prints usage and succeeds; a wrong option prints usage and exits 2, without a stack', () => {
    const help = spawnSync('npm', ['run', '-s', 'token', '--', '--help'], { cwd: ROOT, env: userEnv(freshDataDir()), encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run token -- --dept <DEPT> --roles/);
    expect(help.stdout).toContain('inspector');
    const wrong = spawnSync('npm', ['run', '-s', 'token', '--', '--department', 'TAX'], { cwd: ROOT, env: userEnv(freshDataDir()), encoding: 'utf8' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("Unknown option '--department'");
    expect(wrong.stderr).toContain('usage:');
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
  });

  it('keeps its state in .local by default, apart from the tracked catalogue, and git ignores it', () => {
    expect(dataDirOf(ROOT, {})).toBe(join(ROOT, DEFAULT_DATA_DIR));
    expect(dataDirOf(ROOT, { DATA_DIR: '/srv/credit' })).toBe('/srv/credit');
    const ignored = spawnSync('git', ['check-ignore', '-q', join(DEFAULT_DATA_DIR, 'store', 'CURRENT')], { cwd: ROOT });
    expect(ignored.status).toBe(0);
    const catalogue = spawnSync('git', ['ls-files', '--error-unmatch', 'data/lists.json'], { cwd: ROOT });
    expect(catalogue.status).toBe(0);
  });
});
