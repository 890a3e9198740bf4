import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { verifyPlanDocument } from '#domain/draws.ts';
import { contractBreach } from '../support/contract-check.ts';
import { ROOT, startTestService, type TestService } from '../support/service.ts';

/**
 * Plan documents as files (API.md, Plans: "A document above 5 MB may be answered with 303 to a file"):
 * both documents are published once frozen and once drawn; above PLAN_DOCUMENT_INLINE_BYTES the API
 * answers 303 — the public one to its public file, the full one to a short-lived signed URL — and what
 * the redirect leads to is the very document the API answers inline, results included.
 */
const code = (n: number) => {
  const first17 = `91120000MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

let svc: TestService;
let planner: string;
let otherPlanner: string;
let planId: string;
let sample: { subjectId: string }[];
const seed = 'documents-as-files-seed-0001';
const ids = Array.from({ length: 40 }, (_, i) => code(900 + i));

/** Runs `work` with the given inline bound (the service runs in this process and reads it per request). */
async function withInlineBytes<T>(bytes: number, work: () => Promise<T>): Promise<T> {
  const before = process.env.PLAN_DOCUMENT_INLINE_BYTES;
  process.env.PLAN_DOCUMENT_INLINE_BYTES = String(bytes);
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.PLAN_DOCUMENT_INLINE_BYTES;
    else process.env.PLAN_DOCUMENT_INLINE_BYTES = before;
  }
}
const inline = <T>(work: () => Promise<T>) => withInlineBytes(100_000_000, work);
const redirected = <T>(work: () => Promise<T>) => withInlineBytes(100, work);

/** `npm run verify-draw` as a user runs it (asynchronously: the service answers from this process). */
function verifyDraw(args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/verify-draw.ts', ...args], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.on('exit', (status) => resolve({ status, output }));
  });
}

/** The answer without following it: status and Location. */
async function peek(path: string, token?: string): Promise<{ status: number; location: string | null }> {
  const res = await fetch(svc.url + path, { redirect: 'manual', headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  const breach = contractBreach('GET', path, res.status, res.headers.get('content-type'), text ? JSON.parse(text) : undefined);
  if (breach) throw new Error(`GET ${path} answered ${breach}`);
  const location = res.headers.get('location');
  if (res.status === 303 && !location) throw new Error(`GET ${path} answered 303 without a Location`);
  return { status: res.status, location };
}

/** What a Location leads to, as a client following it gets it. */
async function follow(location: string): Promise<{ status: number; body: any; headers: Headers; text: string }> {
  const res = await fetch(new URL(location, svc.url));
  const text = await res.text();
  return { status: res.status, body: res.ok ? JSON.parse(text) : undefined, headers: res.headers, text };
}

const filesDir = () => process.env.FILES_DIR!;
const planFiles = (area: 'public' | 'private', plan = planId) => {
  const dir = join(filesDir(), area, 'plans', plan);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

/** What the plan's meta item notes of its published documents. */
async function notedDocuments(plan: string) {
  const { getPlan } = await import('#data/plans.ts');
  const stored = await getPlan(plan);
  return stored && 'documents' in stored ? stored.documents : undefined;
}

/** Removes what the plan's meta item notes (a lost projection, or a plan committed before it existed). */
async function forgetNotes(plan: string, paths: string[]) {
  const { dynamo, tableName } = await import('#data/client.ts');
  const { keys } = await import('#data/keys.ts');
  const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
  await dynamo.send(new UpdateCommand({ TableName: tableName, Key: keys.planMeta(plan), UpdateExpression: `REMOVE ${paths.join(', ')}` }));
}

beforeAll(async () => {
  svc = await startTestService();
  planner = await svc.token('MARKET', ['planner']);
  otherPlanner = await svc.token('TAX', ['planner']);
  const recorder = await svc.token('MARKET', ['recorder']);
  for (const [i, id] of ids.entries()) {
    const res = await svc.call('PUT', `/v1/entities/${id}`, {
      token: recorder,
      body: { kind: 'enterprise', name: `文档对象${i}`, region: '120101', industry: 'C13', status: 'active', establishedOn: '2010-01-01' },
    });
    expect(res.status).toBe(201);
  }
  await svc.call('PUT', '/v1/inspectors/D01', { token: planner, body: { name: '甲', certificateNo: 'D-1', fields: ['C'], conflicts: [] } });
  await svc.call('PUT', '/v1/inspectors/D02', { token: planner, body: { name: '乙', certificateNo: 'D-2', fields: ['C'], conflicts: [] } });
  const created = await svc.call('POST', '/v1/plans', {
    token: planner,
    body: { title: '文档发布', departments: ['MARKET'], scope: {}, mode: 'key-item', ratios: { A: 0.5, B: 0.5, C: 0.5, D: 1 }, seedCommitment: sha256(seed) },
  });
  expect(created.status).toBe(201);
  planId = created.body.planId;
  // Publication is a job after the commit.
  await svc.service.jobs.idle();
});

afterAll(async () => {
  await svc?.close();
});

describe('a frozen plan', () => {
  it('has published both documents (a job after the commit) as gzipped files named by their content, before anyone read them', () => {
    const [publicFile] = planFiles('public');
    const [fullFile] = planFiles('private');
    expect(publicFile).toMatch(/^[0-9a-f]{64}\.json\.gz$/);
    expect(fullFile).toMatch(/^[0-9a-f]{64}\.json\.gz$/);
    for (const [area, file] of [['public', publicFile], ['private', fullFile]] as const) {
      const content = gunzipSync(readFileSync(join(filesDir(), area, 'plans', planId, file!)));
      expect(sha256(content)).toBe(file!.slice(0, 64));
    }
  });

  it('notes on the plan what it published: the files by their digests and sizes', async () => {
    const notes = await notedDocuments(planId);
    expect(Object.keys(notes ?? {}).sort()).toEqual(['populationFull', 'populationPublic']);
    expect(`${notes!.populationPublic!.sha256}.json.gz`).toBe(planFiles('public')[0]);
    expect(`${notes!.populationFull!.sha256}.json.gz`).toBe(planFiles('private')[0]);
    const inlineDoc = await inline(() => svc.call('GET', `/v1/public/plans/${planId}`));
    expect(notes!.populationPublic!.bytes).toBe(Buffer.byteLength(JSON.stringify(inlineDoc.body)));
  });

  it('answers the public document inline up to the bound, and above it 303 to the public file holding the same document', async () => {
    const direct = await inline(() => svc.call('GET', `/v1/public/plans/${planId}`));
    expect(direct.status).toBe(200);
    const answer = await redirected(() => peek(`/v1/public/plans/${planId}`));
    expect(answer.status).toBe(303);
    expect(answer.location).toMatch(new RegExp(`/files/public/plans/${planId}/[0-9a-f]{64}\\.json$`));
    const file = await follow(answer.location!);
    expect(file.status).toBe(200);
    expect(file.headers.get('cache-control')).toContain('immutable');
    expect(file.text).toBe(JSON.stringify(direct.body));
    // A client that follows redirects (fetch, curl -L, the pages) gets the document, which keeps the contract.
    const followed = await redirected(() => svc.call('GET', `/v1/public/plans/${planId}`));
    expect(followed.body).toEqual(direct.body);
  });

  it('answers the full document above the bound only to an authorised caller, through a signed URL that refuses tampering', async () => {
    const direct = await inline(() => svc.call('GET', `/v1/plans/${planId}/population`, { token: planner }));
    expect(direct.status).toBe(200);
    expect(await redirected(() => peek(`/v1/plans/${planId}/population`))).toMatchObject({ status: 401, location: null });
    expect(await redirected(() => peek(`/v1/plans/${planId}/population`, otherPlanner))).toMatchObject({ status: 403, location: null });
    const answer = await redirected(() => peek(`/v1/plans/${planId}/population`, planner));
    expect(answer.status).toBe(303);
    expect(answer.location).toMatch(new RegExp(`/files/private/plans/${planId}/[0-9a-f]{64}\\.json\\?`));
    const file = await follow(answer.location!);
    expect(file.status).toBe(200);
    expect(file.body).toEqual(direct.body);
    const url = new URL(answer.location!, svc.url);
    const unsigned = new URL(url);
    unsigned.search = '';
    expect((await follow(unsigned.toString())).status).toBe(403);
    const tampered = new URL(url);
    tampered.pathname = tampered.pathname.replace(/[0-9a-f](\.json)$/, (m, ext) => `${m[0] === '0' ? '1' : '0'}${ext}`);
    expect((await follow(tampered.toString())).status).toBe(403);
  });

  it('issues the full document’s URL for five minutes: later the same URL is refused', async () => {
    const answer = await redirected(() => peek(`/v1/plans/${planId}/population`, planner));
    const url = new URL(answer.location!, svc.url);
    const lifetime = Number(url.searchParams.get('expires')) * 1000 - Date.now();
    expect(lifetime).toBeGreaterThan(290_000);
    expect(lifetime).toBeLessThanOrEqual(300_000);
    expect((await follow(url.toString())).status).toBe(200);
    const issued = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => issued + 301_000);
    try {
      const late = await follow(url.toString());
      expect(late.status).toBe(403);
      expect(late.text).toContain('expired');
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe('a drawn plan with results', () => {
  beforeAll(async () => {
    const draw = await svc.call('POST', `/v1/plans/${planId}/draw`, { token: planner, body: { seed } });
    expect(draw.status).toBe(200);
    sample = draw.body.sample;
    expect(sample.length).toBeGreaterThan(2);
    await svc.service.jobs.idle();
  });

  it('publishes the draw’s documents, and the verifier checks what the redirect leads to', async () => {
    expect(planFiles('public').length).toBe(2);
    expect(planFiles('private').length).toBe(2);
    const publicAnswer = await redirected(() => peek(`/v1/public/plans/${planId}`));
    const publicDoc = (await follow(publicAnswer.location!)).body;
    expect(verifyPlanDocument(publicDoc)).toMatchObject({ ok: true, level: 'public', sampleSize: sample.length });
    const fullAnswer = await redirected(() => peek(`/v1/plans/${planId}/population`, planner));
    expect(verifyPlanDocument((await follow(fullAnswer.location!)).body)).toMatchObject({ ok: true, level: 'full' });
  });

  it('merges each result into the document the redirect leads to, as soon as its request answered', async () => {
    const before = await redirected(() => peek(`/v1/public/plans/${planId}`));
    const recorded = await svc.call('POST', `/v1/plans/${planId}/results`, {
      token: planner,
      body: { subjectId: sample[0]!.subjectId, inspectedOn: '2026-11-02', outcome: 'NO_ISSUE' },
    });
    expect(recorded.status).toBe(201);
    const after = await redirected(() => peek(`/v1/public/plans/${planId}`));
    expect(after.location).not.toBe(before.location);
    const withResult = (await follow(after.location!)).body;
    expect(withResult.results).toEqual([expect.objectContaining({ subjectId: sample[0]!.subjectId, outcome: 'NO_ISSUE', inspectedOn: '2026-11-02' })]);
    const direct = await inline(() => svc.call('GET', `/v1/public/plans/${planId}`));
    expect(withResult).toEqual(direct.body);
    expect((await follow(after.location!)).text).toBe(JSON.stringify(direct.body));
    // The full document too: the result merged in, the text the API answers inline.
    const fullFile = await follow((await redirected(() => peek(`/v1/plans/${planId}/population`, planner))).location!);
    const fullDirect = await inline(() => svc.call('GET', `/v1/plans/${planId}/population`, { token: planner }));
    expect(fullFile.body.results).toHaveLength(1);
    expect(fullFile.text).toBe(JSON.stringify(fullDirect.body));
    // The same results again: the same file.
    expect((await redirected(() => peek(`/v1/public/plans/${planId}`))).location).toBe(after.location);
  });

  it('publishes again what was lost: a deleted file is written back by the next read', async () => {
    const direct = await inline(() => svc.call('GET', `/v1/public/plans/${planId}`));
    rmSync(join(filesDir(), 'public', 'plans', planId), { recursive: true, force: true });
    const answer = await redirected(() => peek(`/v1/public/plans/${planId}`));
    expect(answer.status).toBe(303);
    expect((await follow(answer.location!)).body).toEqual(direct.body);
    expect(planFiles('public').length).toBeGreaterThan(0);
  });

  it('notes the draw’s documents; a lost note is published again by the next reads, concurrent ones agreeing', async () => {
    const notes = await notedDocuments(planId);
    expect(Object.keys(notes ?? {}).sort()).toEqual(['drawFull', 'drawPublic', 'populationFull', 'populationPublic']);
    const before = await redirected(() => peek(`/v1/public/plans/${planId}`));
    await forgetNotes(planId, ['documents.drawPublic', 'documents.drawFull']);
    const reads = await redirected(() =>
      Promise.all([
        ...Array.from({ length: 4 }, () => peek(`/v1/public/plans/${planId}`)),
        ...Array.from({ length: 2 }, () => peek(`/v1/plans/${planId}/population`, planner)),
      ]),
    );
    expect(new Set(reads.slice(0, 4).map((r) => r.location))).toEqual(new Set([before.location]));
    expect(reads.every((r) => r.status === 303)).toBe(true);
    expect(await notedDocuments(planId)).toEqual(notes);
  });

  it('publishes and notes the documents of a plan committed without a note of them (before documents were files)', async () => {
    const notes = await notedDocuments(planId);
    await forgetNotes(planId, ['documents']);
    expect(await notedDocuments(planId)).toBeUndefined();
    const direct = await inline(() => svc.call('GET', `/v1/public/plans/${planId}`));
    expect(direct.status).toBe(200);
    expect(await notedDocuments(planId)).toEqual({ drawPublic: notes!.drawPublic });
    await redirected(() => peek(`/v1/plans/${planId}/population`, planner));
    expect(await notedDocuments(planId)).toEqual({ drawPublic: notes!.drawPublic, drawFull: notes!.drawFull });
  });

  it('links the public file by a signed URL where nothing serves public files (PUBLIC_FILE_LINKS=signed, the China regions)', async () => {
    process.env.PUBLIC_FILE_LINKS = 'signed';
    try {
      const answer = await redirected(() => peek(`/v1/public/plans/${planId}`));
      expect(answer.status).toBe(303);
      expect(answer.location).toMatch(new RegExp(`/files/public/plans/${planId}/[0-9a-f]{64}\\.r[0-9a-f]{64}\\.json\\?expires=\\d+&signature=`));
      const direct = await inline(() => svc.call('GET', `/v1/public/plans/${planId}`));
      expect((await follow(answer.location!)).body).toEqual(direct.body);
    } finally {
      delete process.env.PUBLIC_FILE_LINKS;
    }
  });

  it('npm run verify-draw follows the redirects, public and full', async () => {
    // The service runs in this process: the bound set here holds for the requests the verifier makes.
    await redirected(async () => {
      expect(await peek(`/v1/public/plans/${planId}`)).toMatchObject({ status: 303 });
      const publicRun = await verifyDraw(['--url', svc.url, '--plan', planId]);
      expect(publicRun.status, publicRun.output).toBe(0);
      const fullRun = await verifyDraw(['--url', svc.url, '--plan', planId, '--token', planner]);
      expect(fullRun.status, fullRun.output).toBe(0);
    });
  });
});

describe('a plan frozen and drawn by jobs', () => {
  const jobSeed = 'documents-as-files-by-jobs-0002';
  let jobPlan: string;

  /** Runs `work` with plans past PLAN_INLINE_POPULATION, so that the freeze and the draw are jobs. */
  async function asJobs<T>(work: () => Promise<T>): Promise<T> {
    process.env.PLAN_INLINE_POPULATION = '10';
    try {
      return await work();
    } finally {
      delete process.env.PLAN_INLINE_POPULATION;
    }
  }

  it('publishes and notes the population’s documents once the freeze job commits', async () => {
    const created = await asJobs(() =>
      svc.call('POST', '/v1/plans', {
        token: planner,
        body: { title: '文档发布（作业）', departments: ['MARKET'], scope: {}, mode: 'key-item', ratios: { A: 0.5, B: 0.5, C: 0.5, D: 1 }, seedCommitment: sha256(jobSeed) },
      }),
    );
    expect(created.status).toBe(202);
    jobPlan = created.body.planId;
    await svc.service.jobs.idle();
    const notes = await notedDocuments(jobPlan);
    expect(Object.keys(notes ?? {}).sort()).toEqual(['populationFull', 'populationPublic']);
    expect(planFiles('public', jobPlan)).toEqual([`${notes!.populationPublic!.sha256}.json.gz`]);
    expect(planFiles('private', jobPlan)).toEqual([`${notes!.populationFull!.sha256}.json.gz`]);
    const answer = await redirected(() => peek(`/v1/public/plans/${jobPlan}`));
    expect(answer.location).toContain(`/files/public/plans/${jobPlan}/${notes!.populationPublic!.sha256}.json`);
  });

  it('publishes and notes the draw’s documents once the draw job commits, and the verifier checks them', async () => {
    const draw = await asJobs(() => svc.call('POST', `/v1/plans/${jobPlan}/draw`, { token: planner, body: { seed: jobSeed } }));
    expect(draw.status).toBe(202);
    await svc.service.jobs.idle();
    const notes = await notedDocuments(jobPlan);
    expect(Object.keys(notes ?? {}).sort()).toEqual(['drawFull', 'drawPublic', 'populationFull', 'populationPublic']);
    expect(planFiles('public', jobPlan)).toContain(`${notes!.drawPublic!.sha256}.json.gz`);
    expect(planFiles('private', jobPlan)).toContain(`${notes!.drawFull!.sha256}.json.gz`);
    const publicAnswer = await redirected(() => peek(`/v1/public/plans/${jobPlan}`));
    expect(publicAnswer.location).toContain(`${notes!.drawPublic!.sha256}.json`);
    const publicDoc = await follow(publicAnswer.location!);
    expect(publicDoc.text).toBe(JSON.stringify((await inline(() => svc.call('GET', `/v1/public/plans/${jobPlan}`))).body));
    expect(verifyPlanDocument(publicDoc.body)).toMatchObject({ ok: true, level: 'public' });
    const fullAnswer = await redirected(() => peek(`/v1/plans/${jobPlan}/population`, planner));
    expect(fullAnswer.location).toContain(`${notes!.drawFull!.sha256}.json?`);
    expect(verifyPlanDocument((await follow(fullAnswer.location!)).body)).toMatchObject({ ok: true, level: 'full' });
  });
});
