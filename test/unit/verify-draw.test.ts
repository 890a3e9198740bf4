import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPlanDocument, type FullPlan, type PublicPlan } from '#domain/draws.ts';

/** Built by test/fixtures/draws/make-plan.py, an independent Python implementation of the draw. */
const FIXTURE = fileURLToPath(new URL('../fixtures/draws/plan.json', import.meta.url));
const PUBLIC_FIXTURE = fileURLToPath(new URL('../fixtures/draws/public-plan.json', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function plan(): FullPlan {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as FullPlan;
}

function publicPlan(): PublicPlan {
  return JSON.parse(readFileSync(PUBLIC_FIXTURE, 'utf8')) as PublicPlan;
}

describe('verifyPlanDocument on a full document', () => {
  it('re-computes the published sample and teams of the Python-built plan', () => {
    expect(verifyPlanDocument(plan())).toEqual({ ok: true, level: 'full', sampleSize: 12, unassigned: 4 });
  });

  it('reports a seed that does not open the commitment', () => {
    const doc = { ...plan(), seed: plan().seed + '!' };
    const result = verifyPlanDocument(doc);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.difference).toMatch(/^seed does not match seedCommitment/);
  });

  it('reports swapped sample entries by index and field', () => {
    const doc = plan();
    const sample = doc.sample!;
    [sample[2], sample[3]] = [sample[3]!, sample[2]!];
    expect(verifyPlanDocument(doc)).toEqual({
      ok: false,
      difference: `sample[2].subjectId: published ${sample[2]!.subjectId}, recomputed ${sample[3]!.subjectId}`,
    });
  });

  it('reports a changed team', () => {
    const doc = plan();
    const i = doc.sample!.findIndex((e) => e.team !== null);
    const original = doc.sample![i]!.team!;
    doc.sample![i]!.team = [original[1]!, original[0]!, ...original.slice(2)];
    const result = verifyPlanDocument(doc);
    expect(!result.ok && result.difference).toBe(
      `sample[${i}].team: published [${doc.sample![i]!.team!.join(', ')}], recomputed [${original.join(', ')}]`,
    );
  });

  it('reports a team published for a subject nobody is eligible to inspect', () => {
    const doc = plan();
    const i = doc.sample!.findIndex((e) => e.team === null);
    doc.sample![i] = { ...doc.sample![i]!, team: ['mkt-01', 'tax-01', 'emg-01'] };
    delete doc.sample![i]!.unassignedReason;
    expect(!verifyPlanDocument(doc).ok && (verifyPlanDocument(doc) as { difference: string }).difference).toMatch(
      new RegExp(`^sample\\[${i}\\]\\.team: published \\[mkt-01, tax-01, emg-01\\], recomputed null`),
    );
  });

  it('reports an unassigned subject published without a reason', () => {
    const doc = plan();
    const i = doc.sample!.findIndex((e) => e.team === null);
    delete doc.sample![i]!.unassignedReason;
    expect(verifyPlanDocument(doc)).toEqual({ ok: false, difference: `sample[${i}].unassignedReason: missing for a subject left without a team` });
  });

  it('reports a dropped or an added sample entry', () => {
    const dropped = plan();
    const last = dropped.sample!.pop()!;
    expect(verifyPlanDocument(dropped)).toMatchObject({ ok: false, difference: `sample[11]: missing, recomputed ${last.subjectId} (12 entries in all, 11 published)` });
    const added = plan();
    added.sample!.push({ ...last, subjectId: added.exempt[0]! });
    expect(verifyPlanDocument(added)).toMatchObject({ ok: false, difference: expect.stringMatching(/^sample\[12\]: published /) });
  });

  it('reports a population that no longer matches its hash', () => {
    const doc = plan();
    doc.strata.B = doc.strata.B.slice(1);
    expect(verifyPlanDocument(doc)).toMatchObject({ ok: false, difference: expect.stringMatching(/^populationHash: published [0-9a-f]{64}, recomputed /) });
  });

  it('reports strata that do not match their public hashes and sizes', () => {
    const salted = { ...plan(), strataSalt: 'another salt' };
    expect(verifyPlanDocument(salted)).toMatchObject({
      ok: false,
      difference: expect.stringMatching(/^strataHashes\.A: published [0-9a-f]{64}, recomputed [0-9a-f]{64} from strataSalt and strata\.A$/),
    });
    const resized = plan();
    resized.strataSizes = { ...resized.strataSizes!, C: 9 };
    expect(verifyPlanDocument(resized)).toEqual({ ok: false, difference: 'strataSizes.C: published 9, but strata.C lists 8' });
  });

  it('reports a result for a subject that was not sampled', () => {
    const doc = plan();
    doc.results = [...doc.results!, { subjectId: doc.exempt[0]!, outcome: 'NO_ISSUE', inspectedOn: '2026-07-10', recordedAt: '2026-07-11T00:00:00.000Z' }];
    expect(verifyPlanDocument(doc)).toEqual({ ok: false, difference: `results[2].subjectId: ${doc.exempt[0]} is not in the sample` });
  });

  it('says a plan without a seed has not been drawn yet', () => {
    const { seed: _seed, sample: _sample, results: _results, ...undrawn } = plan();
    expect(verifyPlanDocument(undrawn)).toEqual({
      ok: false,
      notDrawn: true,
      difference: 'not drawn yet: the plan publishes no seed (its populationHash matches its strata)',
    });
  });

  it('names the first malformed field of something that is not a plan document', () => {
    expect(verifyPlanDocument({ ...plan(), teamSize: 'three' })).toMatchObject({ ok: false, difference: expect.stringMatching(/^not a plan document: teamSize: /) });
    expect(verifyPlanDocument({ ...plan(), strataSalt: undefined })).toMatchObject({ ok: false, difference: expect.stringMatching(/^not a plan document: strataSalt: /) });
    expect(verifyPlanDocument(null)).toMatchObject({ ok: false, difference: expect.stringMatching(/^not a plan document: /) });
  });
});

describe('verifyPlanDocument on a public document', () => {
  it('checks the Python-built public document: seed, every ticket, order and size', () => {
    const doc = publicPlan();
    expect(doc).not.toHaveProperty('strata');
    expect(verifyPlanDocument(doc)).toEqual({ ok: true, level: 'public', sampleSize: 12, unassigned: 4 });
  });

  it('carries the same salted stratum hashes as the full document', () => {
    expect(publicPlan().strataHashes).toEqual(plan().strataHashes);
  });

  it('reports a seed that does not open the commitment', () => {
    expect(verifyPlanDocument({ ...publicPlan(), seed: `${publicPlan().seed}-altered` })).toMatchObject({
      ok: false,
      difference: expect.stringMatching(/^seed does not match seedCommitment: SHA-256\(seed\) is [0-9a-f]{64}/),
    });
  });

  it('reports a changed ticket with the recomputed one', () => {
    const doc = publicPlan();
    doc.sample![4]!.ticket = '0.0001';
    expect(verifyPlanDocument(doc)).toEqual({ ok: false, difference: `sample[4].ticket: published 0.0001, recomputed ${publicPlan().sample![4]!.ticket}` });
  });

  it('reports a subject swapped into the sample with its neighbour’s ticket', () => {
    const doc = publicPlan();
    doc.sample![0]!.subjectId = plan().exempt[0]!;
    expect(verifyPlanDocument(doc)).toMatchObject({ ok: false, difference: expect.stringMatching(/^sample\[0\]\.ticket: published 0\.\d+, recomputed 0\.\d+$/) });
  });

  it('reports two swapped entries as a sample out of ticket order', () => {
    const doc = publicPlan();
    const sample = doc.sample!;
    [sample[2], sample[3]] = [sample[3]!, sample[2]!];
    expect(verifyPlanDocument(doc)).toEqual({
      ok: false,
      difference: `sample[3]: ${sample[3]!.subjectId}'s ticket is lower than sample[2]'s: the sample is not in ticket order`,
    });
  });

  it('reports a dropped entry, a repeated one and sizes that do not give the sample', () => {
    const dropped = publicPlan();
    dropped.sample!.pop();
    expect(verifyPlanDocument(dropped)).toEqual({ ok: false, difference: 'sample: 11 entries published, the strata sizes and ratios give 12' });
    const repeated = publicPlan();
    repeated.sample!.splice(1, 0, repeated.sample![0]!);
    expect(verifyPlanDocument(repeated)).toMatchObject({ ok: false, difference: `sample[1].subjectId: ${repeated.sample![0]!.subjectId} is sampled twice` });
    const resized = publicPlan();
    resized.strataSizes.B = 16;
    // ⌈0.4 × 16⌉ = 7 instead of 6.
    expect(verifyPlanDocument(resized)).toEqual({ ok: false, difference: 'sample: 12 entries published, the strata sizes and ratios give 13' });
  });

  it('reports a team that is not teamSize different inspectors', () => {
    const doc = publicPlan();
    const i = doc.sample!.findIndex((e) => e.team !== null);
    doc.sample![i]!.team = doc.sample![i]!.team!.slice(0, 2);
    expect(verifyPlanDocument(doc)).toMatchObject({ ok: false, difference: expect.stringMatching(new RegExp(`^sample\\[${i}\\]\\.team: published \\[.+\\], but a team has 3 different inspectors$`)) });
  });

  it('says a public document without a seed has not been drawn yet', () => {
    const { seed: _seed, sample: _sample, results: _results, ...undrawn } = publicPlan();
    expect(verifyPlanDocument(undrawn)).toMatchObject({ ok: false, notDrawn: true, difference: expect.stringMatching(/^not drawn yet/) });
  });

  it('names a missing stratum size', () => {
    const { strataSizes: _sizes, ...doc } = publicPlan();
    expect(verifyPlanDocument(doc)).toMatchObject({ ok: false, difference: expect.stringMatching(/^not a plan document: strataSizes: /) });
  });
});

describe('npm run verify-draw', () => {
  const TOKEN = 'auditor-token-for-the-test';
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verify-draw-'));
    server = createServer((req, res) => {
      const planId = plan().planId;
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' }).end(JSON.stringify(body));
      if (req.url === `/v1/public/plans/${planId}`) send(200, publicPlan());
      else if (req.url === `/v1/plans/${planId}/population`) {
        if (req.headers.authorization === `Bearer ${TOKEN}`) send(200, plan());
        else send(req.headers.authorization ? 403 : 401, { status: 403 });
      } else send(404, { status: 404 });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => server.close(resolve));
  });

  function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'bin/verify-draw.ts', ...args], { cwd: ROOT }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      });
    });
  }

  function saved(doc: unknown): string {
    const file = join(dir, `plan-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(doc));
    return file;
  }

  const FULL_MATCH = 'match: sample of 12 and teams re-computed from the full plan document';
  const PUBLIC_MATCH = /^match: the seed opens the commitment, and the 12 sampled tickets and the sample size agree with the public plan document/;

  it('exits 0 with "match" for the full document read from a file', async () => {
    const { code, stdout } = await run('--file', FIXTURE);
    expect(stdout.trim()).toBe(FULL_MATCH);
    expect(code).toBe(0);
  });

  it('exits 0 for the public document, saying what it could check', async () => {
    const { code, stdout } = await run('--file', PUBLIC_FIXTURE);
    expect(stdout.trim()).toMatch(PUBLIC_MATCH);
    expect(code).toBe(0);
  });

  it('exits 0 for the public document fetched without a token', async () => {
    const { code, stdout } = await run('--url', base, '--plan', plan().planId);
    expect(stdout.trim()).toMatch(PUBLIC_MATCH);
    expect(code).toBe(0);
  });

  it('re-runs the whole draw from the full document fetched with a token', async () => {
    const { code, stdout } = await run('--url', base, '--plan', plan().planId, '--token', TOKEN);
    expect(stdout.trim()).toBe(FULL_MATCH);
    expect(code).toBe(0);
  });

  it('exits 2 when the token may not read the full document', async () => {
    const { code, stderr } = await run('--url', base, '--plan', plan().planId, '--token', 'someone-else');
    expect(stderr).toMatch(/the token may not read .*\/v1\/plans\/PLAN-2026-0007\/population \(HTTP 403\)/);
    expect(code).toBe(2);
  });

  it('exits 1 with the first difference for a tampered plan', async () => {
    const doc = plan();
    doc.sample![0]!.ticket = '0.1';
    const { code, stdout } = await run('--file', saved(doc));
    expect(stdout.trim()).toBe(`DIFFERENT: sample[0].ticket: published 0.1, recomputed ${plan().sample![0]!.ticket}`);
    expect(code).toBe(1);
    const pub = publicPlan();
    pub.sample![0]!.ticket = '0.1';
    const publicRun = await run('--file', saved(pub));
    expect(publicRun.stdout.trim()).toBe(`DIFFERENT: sample[0].ticket: published 0.1, recomputed ${plan().sample![0]!.ticket}`);
    expect(publicRun.code).toBe(1);
  });

  it('exits 1 saying so for a plan not drawn yet', async () => {
    const { seed: _seed, sample: _sample, results: _results, ...undrawn } = plan();
    const { code, stdout } = await run('--file', saved(undrawn));
    expect(stdout).toMatch(/^not drawn yet/);
    expect(code).toBe(1);
  });

  it.each([
    [[]],
    [['--plan', 'PLAN-1']],
    [['--url', 'http://x']],
    [['--file', 'a.json', '--url', 'http://x', '--plan', 'P']],
    [['--file', 'a.json', '--token', 'T']],
    [['--url', 'http://x', '--plan', 'P', '--token', ' ']],
    [['--bogus']],
  ])('exits 2 with the usage for arguments %j', async (args) => {
    const { code, stderr } = await run(...args);
    expect(stderr).toMatch(/usage: npm run verify-draw/);
    expect(code).toBe(2);
  });

  it('exits 2 when the plan cannot be read or fetched', async () => {
    expect((await run('--file', join(dir, 'absent.json'))).code).toBe(2);
    const missing = await run('--url', base, '--plan', 'NO-SUCH-PLAN');
    expect(missing.stderr).toMatch(/no public plan NO-SUCH-PLAN/);
    expect(missing.code).toBe(2);
  });
});
