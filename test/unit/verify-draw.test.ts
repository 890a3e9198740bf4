import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPublicPlan, type PublicPlan } from '#domain/draws.ts';

/** Built by test/fixtures/draws/make-plan.py, an independent Python implementation of the draw. */
const FIXTURE = fileURLToPath(new URL('../fixtures/draws/plan.json', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function plan(): PublicPlan {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as PublicPlan;
}

describe('verifyPublicPlan', () => {
  it('re-computes the published sample and teams of the Python-built plan', () => {
    expect(verifyPublicPlan(plan())).toEqual({ ok: true, sampleSize: 12, unassigned: 4 });
  });

  it('reports a seed that does not open the commitment', () => {
    const doc = { ...plan(), seed: plan().seed + '!' };
    const result = verifyPublicPlan(doc);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.difference).toMatch(/^seed does not match seedCommitment/);
  });

  it('reports swapped sample entries by index and field', () => {
    const doc = plan();
    const sample = doc.sample!;
    [sample[2], sample[3]] = [sample[3]!, sample[2]!];
    expect(verifyPublicPlan(doc)).toEqual({
      ok: false,
      difference: `sample[2].subjectId: published ${sample[2]!.subjectId}, recomputed ${sample[3]!.subjectId}`,
    });
  });

  it('reports a changed team', () => {
    const doc = plan();
    const i = doc.sample!.findIndex((e) => e.team !== null);
    const original = doc.sample![i]!.team!;
    doc.sample![i]!.team = [original[1]!, original[0]!, ...original.slice(2)];
    const result = verifyPublicPlan(doc);
    expect(!result.ok && result.difference).toBe(
      `sample[${i}].team: published [${doc.sample![i]!.team!.join(', ')}], recomputed [${original.join(', ')}]`,
    );
  });

  it('reports a team published for a subject nobody is eligible to inspect', () => {
    const doc = plan();
    const i = doc.sample!.findIndex((e) => e.team === null);
    doc.sample![i] = { ...doc.sample![i]!, team: ['mkt-01', 'tax-01', 'emg-01'] };
    delete doc.sample![i]!.unassignedReason;
    expect(!verifyPublicPlan(doc).ok && (verifyPublicPlan(doc) as { difference: string }).difference).toMatch(
      new RegExp(`^sample\\[${i}\\]\\.team: published \\[mkt-01, tax-01, emg-01\\], recomputed null`),
    );
  });

  it('reports an unassigned subject published without a reason', () => {
    const doc = plan();
    const i = doc.sample!.findIndex((e) => e.team === null);
    delete doc.sample![i]!.unassignedReason;
    expect(verifyPublicPlan(doc)).toEqual({ ok: false, difference: `sample[${i}].unassignedReason: missing for a subject left without a team` });
  });

  it('reports a dropped or an added sample entry', () => {
    const dropped = plan();
    const last = dropped.sample!.pop()!;
    expect(verifyPublicPlan(dropped)).toMatchObject({ ok: false, difference: `sample[11]: missing, recomputed ${last.subjectId} (12 entries in all, 11 published)` });
    const added = plan();
    added.sample!.push({ ...last, subjectId: added.exempt[0]! });
    expect(verifyPublicPlan(added)).toMatchObject({ ok: false, difference: expect.stringMatching(/^sample\[12\]: published /) });
  });

  it('reports a population that no longer matches its hash', () => {
    const doc = plan();
    doc.strata.B = doc.strata.B.slice(1);
    expect(verifyPublicPlan(doc)).toMatchObject({ ok: false, difference: expect.stringMatching(/^populationHash: published [0-9a-f]{64}, recomputed /) });
  });

  it('says a plan without a seed has not been drawn yet', () => {
    const { seed: _seed, sample: _sample, ...undrawn } = plan();
    expect(verifyPublicPlan(undrawn)).toEqual({
      ok: false,
      notDrawn: true,
      difference: 'not drawn yet: the plan publishes no seed (its populationHash matches its strata)',
    });
  });

  it('names the first malformed field of something that is not a public plan', () => {
    expect(verifyPublicPlan({ ...plan(), teamSize: 'three' })).toMatchObject({ ok: false, difference: expect.stringMatching(/^not a public plan: teamSize: /) });
    expect(verifyPublicPlan(null)).toMatchObject({ ok: false, difference: expect.stringMatching(/^not a public plan: /) });
  });
});

describe('npm run verify-draw', () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verify-draw-'));
    server = createServer((req, res) => {
      const doc = plan();
      if (req.url === `/v1/public/plans/${doc.planId}`) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(doc));
      } else {
        res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"status":404}');
      }
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

  it('exits 0 with "match" for the published plan read from a file', async () => {
    const { code, stdout } = await run('--file', FIXTURE);
    expect(stdout.trim()).toBe('match: sample of 12 and teams re-computed from the published plan');
    expect(code).toBe(0);
  });

  it('exits 0 for the plan fetched without a token from the public endpoint', async () => {
    const { code, stdout } = await run('--url', base, '--plan', plan().planId);
    expect(stdout.trim()).toBe('match: sample of 12 and teams re-computed from the published plan');
    expect(code).toBe(0);
  });

  it('exits 1 with the first difference for a tampered plan', async () => {
    const doc = plan();
    doc.sample![0]!.ticket = '0.1';
    const { code, stdout } = await run('--file', saved(doc));
    expect(stdout.trim()).toBe(`DIFFERENT: sample[0].ticket: published 0.1, recomputed ${plan().sample![0]!.ticket}`);
    expect(code).toBe(1);
  });

  it('exits 1 saying so for a plan not drawn yet', async () => {
    const { seed: _seed, sample: _sample, ...undrawn } = plan();
    const { code, stdout } = await run('--file', saved(undrawn));
    expect(stdout).toMatch(/^not drawn yet/);
    expect(code).toBe(1);
  });

  it.each([[[]], [['--plan', 'PLAN-1']], [['--url', 'http://x']], [['--file', 'a.json', '--url', 'http://x', '--plan', 'P']], [['--bogus']]])(
    'exits 2 with the usage for arguments %j',
    async (args) => {
      const { code, stderr } = await run(...args);
      expect(stderr).toMatch(/usage: npm run verify-draw/);
      expect(code).toBe(2);
    },
  );

  it('exits 2 when the plan cannot be read or fetched', async () => {
    expect((await run('--file', join(dir, 'absent.json'))).code).toBe(2);
    const missing = await run('--url', base, '--plan', 'NO-SUCH-PLAN');
    expect(missing.stderr).toMatch(/no public plan NO-SUCH-PLAN/);
    expect(missing.code).toBe(2);
  });
});
