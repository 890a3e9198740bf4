import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  assignTeams,
  drawSample,
  LowestTickets,
  populationHash,
  sampleSize,
  seedCommitmentOf,
  seedHash,
  StratifiedDraw,
  ticket,
  ticketFromDigest,
  strataHash,
  totalSampleSize,
  type DrawnSubject,
  type FullPlan,
  type RosterInspector,
  type Strata,
} from '#domain/draws.ts';

const EMPTY: Strata = { A: [], B: [], C: [], D: [] };

/** A small deterministic PRNG (mulberry32), so generated populations are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function population(random: () => number, size: number): string[] {
  const ids = new Set<string>();
  while (ids.size < size) ids.add(`9112${String(Math.floor(random() * 1e13)).padStart(13, '0')}X`);
  return [...ids].sort();
}

describe('tickets', () => {
  // Vectors computed independently with Python:
  // python3 -c "import hashlib; sh=hashlib.sha256('PLAN-2026-001:correct horse battery staple'.encode()).hexdigest(); print(sh);
  //   t=lambda s,x:'0.'+str(int(hashlib.sha256((s+x).encode()).hexdigest(),16)).zfill(64)[::-1];
  //   [print(repr(x), t(sh,x)) for x in ['91120224064012553U','91120224064012553U|insp-07','','企业甲']]"
  const SEED_HASH = 'dc8fff0ea03c9e4108facf1748245c8f76dff8dcac23c8093df6ad9c5f9f44c8';

  it('hashes the plan id and seed joined by a colon into the seed hash', () => {
    expect(seedHash('PLAN-2026-001', 'correct horse battery staple')).toBe(SEED_HASH);
  });

  it.each([
    ['91120224064012553U', '0.15963937004262719606687972577434820009110111895309351697608788797603354664959'],
    ['91120224064012553U|insp-07', '0.314563731138121613921535646255586005854261442807178828997057563733588947308601'],
    ['', '0.75226762884464918674997016801389131558248316486014226982360457291605821928902'],
    ['企业甲', '0.67345047128582873819120030467690803973770741773169191255698155613506241606475'],
  ])('gives %j the ticket Python computes', (x, expected) => {
    expect(ticket(SEED_HASH, x)).toBe(expected);
  });

  // python3 -c "print('0.'+str(int('00'*31+'0c',16)).zfill(64)[::-1]); print('0.'+str(int('f'*64,16)).zfill(64)[::-1])"
  it('pads a small digest to 64 digits before reversing, and keeps all 78 digits of the largest', () => {
    expect(ticketFromDigest('00'.repeat(31) + '0c')).toBe('0.2100000000000000000000000000000000000000000000000000000000000000');
    expect(ticketFromDigest('f'.repeat(64))).toBe(
      '0.539936921319700485754930465046566489962358709786800589075324591613732980297511',
    );
  });

  it('commits to a seed with its plain SHA-256', () => {
    // python3 -c "import hashlib; print(hashlib.sha256(b'').hexdigest())"
    expect(seedCommitmentOf('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('sample sizes', () => {
  it.each([
    [0.4, 15, 6],
    [0.05, 20, 1],
    [0.05, 21, 2],
    [0.03, 100, 3],
    [0.03, 101, 4],
    [0.2, 0, 0],
    [0.2, 7, 2],
    [0.1234, 10_000, 1234],
    [0.1234, 10_001, 1235],
    [0.0001, 1, 1],
    [0.0001, 200_000, 20],
    [1, 0, 0],
    [1, 1, 1],
    [1, 200_000, 200_000],
    [0, 1, 0],
    [0, 200_000, 0],
  ])('samples ⌈%f × %i⌉ = %i in exact integer arithmetic', (ratio, size, n) => {
    expect(sampleSize(ratio, size)).toBe(n);
  });

  it.each([[-0.1, 5], [1.5, 5], [Number.NaN, 5], [0.5, -1], [0.5, 2.5]])('refuses ratio %f of %f', (ratio, size) => {
    expect(() => sampleSize(ratio, size)).toThrow(RangeError);
  });
});

describe('LowestTickets', () => {
  it.each([0, 1, 5, 50, 400])('keeps the same %i lowest as a full sort of a random stream', (k) => {
    const random = rng(k + 17);
    const offered = Array.from({ length: 300 }, (_, i) => ({ id: `id-${i}`, ticket: `0.${Math.floor(random() * 1e9)}` }));
    const lowest = new LowestTickets(k);
    for (const { id, ticket } of offered) lowest.offer(id, ticket);
    const sorted = [...offered].sort((a, b) => (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : a.id < b.id ? -1 : 1));
    expect(lowest.result()).toEqual(sorted.slice(0, k));
  });

  it('breaks equal tickets by id, whatever the arrival order', () => {
    const lowest = new LowestTickets(2);
    for (const id of ['c', 'a', 'b']) lowest.offer(id, '0.5');
    expect(lowest.result().map((t) => t.id)).toEqual(['a', 'b']);
  });
});

describe('drawSample', () => {
  it('is consistent: a subset samples its members in the superset’s ticket order', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = rng(seed);
      const superset = population(random, 300);
      const subset = superset.filter(() => random() < 0.4);
      const draw = (ids: string[], ratio: number) =>
        drawSample({ planId: 'P1', seed: `seed number ${seed} for the test`, strata: { ...EMPTY, B: ids }, ratios: { A: 0, B: ratio, C: 0, D: 0 } });
      const inSubset = new Set(subset);
      const order = draw(superset, 1).map((s) => s.subjectId);
      expect(draw(subset, 1).map((s) => s.subjectId)).toEqual(order.filter((id) => inSubset.has(id)));
      const n = sampleSize(0.2, subset.length);
      expect(draw(subset, 0.2).map((s) => s.subjectId)).toEqual(order.filter((id) => inSubset.has(id)).slice(0, n));
    }
  });

  it('samples each stratum’s lowest tickets and merges them by ticket', () => {
    const random = rng(99);
    const strata: Strata = { A: population(random, 40), B: population(random, 15), C: population(random, 9), D: population(random, 2) };
    const ratios = { A: 0.03, B: 0.4, C: 0.2, D: 1 };
    const sample = drawSample({ planId: 'P2', seed: 'twenty-character seed!', strata, ratios });
    expect(sample.filter((s) => s.stratum === 'A')).toHaveLength(2);
    expect(sample.filter((s) => s.stratum === 'B')).toHaveLength(6);
    expect(sample.filter((s) => s.stratum === 'C')).toHaveLength(2);
    expect(sample.filter((s) => s.stratum === 'D')).toHaveLength(2);
    expect(sample.map((s) => s.ticket)).toEqual(sample.map((s) => s.ticket).sort());
    const sh = seedHash('P2', 'twenty-character seed!');
    for (const stratum of ['A', 'B', 'C', 'D'] as const) {
      const all = strata[stratum].map((id) => ticket(sh, id)).sort();
      const taken = sample.filter((s) => s.stratum === stratum).map((s) => s.ticket);
      expect(taken).toEqual(all.slice(0, taken.length));
    }
  });

  it('reproduces the sample of the Python-built full plan fixture', () => {
    const plan = JSON.parse(readFileSync(new URL('../fixtures/draws/plan.json', import.meta.url), 'utf8')) as FullPlan;
    const sample = drawSample({ planId: plan.planId, seed: plan.seed!, strata: plan.strata, ratios: plan.ratios });
    expect(sample).toEqual(plan.sample!.map(({ subjectId, stratum, ticket }) => ({ subjectId, stratum, ticket })));
    expect(assignTeams(sample, plan, seedHash(plan.planId, plan.seed!)).map((e) => e.team)).toEqual(plan.sample!.map((e) => e.team));
  });

  it('refuses a streamed population that does not add up to the frozen counts', () => {
    const draw = new StratifiedDraw({ planId: 'P', seed: 's'.repeat(20), ratios: { A: 0, B: 1, C: 0, D: 0 }, sizes: { A: 0, B: 2, C: 0, D: 0 } });
    draw.offer('B', 'x');
    expect(() => draw.result()).toThrow(/stratum B: 1 members offered, but its frozen size is 2/);
  });
});

describe('assignTeams', () => {
  const SH = seedHash('PLAN-T', 'a seed of at least twenty characters');
  const subject = (subjectId: string): DrawnSubject => ({ subjectId, stratum: 'C', ticket: ticket(SH, subjectId) });
  const inspector = (id: string, department: string, fields: string[], conflicts: string[] = []): RosterInspector => ({ id, department, fields, conflicts });
  const byTicket = (subjectId: string, ids: string[]) => [...ids].sort((a, b) => (ticket(SH, `${subjectId}|${a}`) < ticket(SH, `${subjectId}|${b}`) ? -1 : 1));

  const inspectors = [
    inspector('m1', 'MARKET', ['C13']),
    inspector('m2', 'MARKET', ['C']),
    inspector('m3', 'MARKET', ['C1311']),
    inspector('m4', 'MARKET', ['F']),
    inspector('t1', 'TAX', ['C']),
    inspector('t2', 'TAX', ['C1']),
    inspector('e1', 'EMERGENCY', ['C']),
  ];
  const industries = { S1: 'C1311', S2: 'F5212', S3: 'A0111' };

  it('takes the lowest eligible inspector of each department in plan order, then fills by lowest ticket', () => {
    const [entry] = assignTeams([subject('S1')], { departments: ['TAX', 'MARKET'], teamSize: 4, industries, inspectors }, SH);
    const tax = byTicket('S1', ['t1', 't2']);
    const market = byTicket('S1', ['m1', 'm2', 'm3']);
    const rest = byTicket('S1', [...tax.slice(1), ...market.slice(1)]);
    expect(entry!.team).toEqual([tax[0], market[0], ...rest.slice(0, 2)]);
    expect(entry!.team).not.toContain('e1');
  });

  it('counts a field as covering an industry only when it is a prefix of it', () => {
    const [entry] = assignTeams([subject('S2')], { departments: ['MARKET', 'TAX'], teamSize: 2, industries: { S2: 'C2000' }, inspectors }, SH);
    // Only m2 ('C') and t1 ('C') cover C2000; m1 'C13', m3 'C1311' and t2 'C1' do not.
    expect(entry!.team).toEqual(['m2', 't1']);
  });

  it('recuses inspectors who list the subject in their conflicts', () => {
    const conflicted = inspectors.map((i) => (i.id === 't1' || i.id === 'm2' ? { ...i, conflicts: ['S1'] } : i));
    const [entry] = assignTeams([subject('S1')], { departments: ['MARKET', 'TAX'], teamSize: 3, industries, inspectors: conflicted }, SH);
    expect(entry!.team).toHaveLength(3);
    expect(entry!.team).not.toContain('t1');
    expect(entry!.team).not.toContain('m2');
    expect(entry!.team![1]).toBe('t2');
  });

  it('skips a department with no eligible inspector and fills from the others', () => {
    const [entry] = assignTeams(
      [subject('S2')],
      { departments: ['TAX', 'MARKET'], teamSize: 2, industries, inspectors: [...inspectors, inspector('m5', 'MARKET', ['F52'])] },
      SH,
    );
    expect(entry!.team).toEqual(byTicket('S2', ['m4', 'm5']));
  });

  it('leaves a subject without a team, saying why with the counts, when too few are eligible', () => {
    const [s2, s3] = assignTeams([subject('S2'), subject('S3')], { departments: ['MARKET', 'TAX'], teamSize: 2, industries, inspectors }, SH);
    expect(s2).toMatchObject({ subjectId: 'S2', team: null });
    expect(s2!.unassignedReason).toBe(
      '1 eligible inspector for a team of 2: of the 6 inspectors of the plan departments, 1 has a field covering industry F5212.',
    );
    expect(s3!.unassignedReason).toMatch(/^0 eligible inspectors for a team of 2: .* 0 have a field covering industry A0111\.$/);
  });

  it('names recusals in the reason', () => {
    const conflicted = inspectors.map((i) => (i.id === 'm4' ? { ...i, conflicts: ['S2'] } : i));
    const [entry] = assignTeams([subject('S2')], { departments: ['MARKET'], teamSize: 2, industries, inspectors: conflicted }, SH);
    expect(entry!.unassignedReason).toBe(
      '0 eligible inspectors for a team of 2: of the 4 inspectors of the plan departments, 1 has a field covering industry F5212, and 1 of those is recused for a conflict of interest.',
    );
  });

  it('keeps each subject’s team independent of the others', () => {
    const roster = { departments: ['MARKET', 'TAX'], teamSize: 2, industries: { S1: 'C1311', S4: 'C1311' }, inspectors };
    const [together] = assignTeams([subject('S1'), subject('S4')], roster, SH);
    const [alone] = assignTeams([subject('S1')], roster, SH);
    expect(together!.team).toEqual(alone!.team);
  });

  it('refuses a team smaller than two or than the number of departments', () => {
    expect(() => assignTeams([], { departments: ['A', 'B', 'C'], teamSize: 2, industries, inspectors }, SH)).toThrow(RangeError);
    expect(() => assignTeams([], { departments: ['A'], teamSize: 1, industries, inspectors }, SH)).toThrow(RangeError);
  });
});

describe('populationHash', () => {
  // python3 -c "import hashlib; print(hashlib.sha256('A\t911201000000000001\nB\t911201000000000002\nB\t911201000000000003\nD\t91120224064012553U\n'.encode()).hexdigest())"
  const HASH = '708ffd129afb8dbe5688ae2cff6a5f3814f5adee19f5470c0ce62a4d97adf8a4';

  it('hashes one line per member, strata A to D, ids sorted', () => {
    expect(populationHash({ A: ['911201000000000001'], B: ['911201000000000003', '911201000000000002'], C: [], D: ['91120224064012553U'] })).toBe(HASH);
  });

  it('hashes an empty population as the empty string', () => {
    expect(populationHash(EMPTY)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('strataHash', () => {
  // python3 -c "import hashlib; print(hashlib.sha256('salt-1\n911201000000000002\n911201000000000003\n'.encode()).hexdigest())"
  it('hashes the salt line, then one line per member, ids sorted', () => {
    expect(strataHash('salt-1', ['911201000000000003', '911201000000000002'])).toBe('79ccb50d6a59b6343c4e57bac67323140decce3338d5f739c30903b5b6524da5');
  });

  it('hashes an empty stratum as the salt line alone, so equal sizes do not give equal hashes across plans', () => {
    expect(strataHash('salt-1', [])).toBe('38cac6a380b0848c3df8b8d9deca9d74d98b1e703694d5793e6dd7e5821360c6');
    expect(strataHash('salt-2', [])).not.toBe(strataHash('salt-1', []));
  });
});

describe('totalSampleSize', () => {
  it('adds each stratum’s ceiling in integers', () => {
    // 0.4 × 15 = 6 exactly (not 7), 0.2 × 8 = 1.6 → 2, 0.03 × 10 = 0.3 → 1, 1 × 3 = 3.
    expect(totalSampleSize({ A: 0.03, B: 0.4, C: 0.2, D: 1 }, { A: 10, B: 15, C: 8, D: 3 })).toBe(12);
    expect(totalSampleSize({ A: 0, B: 0, C: 0, D: 0 }, { A: 10, B: 15, C: 8, D: 3 })).toBe(0);
  });
});
