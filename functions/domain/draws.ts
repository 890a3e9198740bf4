import { createHash } from 'node:crypto';
import type { RosterInspector } from './inspectors.ts';
import { STRATA, type Ratios, type SampleEntry, type Strata, type Stratum } from './plans.ts';
import { parsePlanDocument, type FullPlan, type PublicPlan } from './public-plan.ts';

export type { RosterInspector } from './inspectors.ts';
export type { Ratios, SampleEntry, Strata, StrataSizes, Stratum } from './plans.ts';
export type { FullPlan, PublicPlan, PublicSampleEntry } from './public-plan.ts';
export { STRATA } from './plans.ts';
export { parsePlanDocument } from './public-plan.ts';

/**
 * The double-random draw (双随机、一公开), API.md "The draw algorithm (normative)". Rivest's consistent
 * sampler as Arlo uses it: every candidate's ticket depends only on the seed and its own id, and the
 * sample is the lowest tickets, so anyone holding the published seed and frozen population can
 * recompute it, and a subset's sample is the superset's ticket order filtered to the subset.
 */

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Lowercase hex SHA-256 of `planId + ":" + seed` (the sampler seed). */
export function seedHash(planId: string, seed: string): string {
  return sha256Hex(`${planId}:${seed}`);
}

/** The seed commitment a plan fixes before its draw: lowercase hex SHA-256 of the seed. */
export function seedCommitmentOf(seed: string): string {
  return sha256Hex(seed);
}

/**
 * A ticket from a SHA-256 hex digest: "0." + the digest's decimal digits (as an unsigned integer),
 * left-padded to at least 64 digits, reversed. Reversing makes the leading digits the uniformly
 * distributed low-order ones; tickets are compared as strings.
 */
export function ticketFromDigest(digestHex: string): string {
  const digits = BigInt(`0x${digestHex}`).toString(10).padStart(64, '0');
  let reversed = '0.';
  for (let i = digits.length - 1; i >= 0; i -= 1) reversed += digits[i];
  return reversed;
}

/** The ticket of `x` (a subject id, or `subjectId|inspectorId`) under a seed hash. */
export function ticket(seedHashHex: string, x: string): string {
  return ticketFromDigest(sha256Hex(seedHashHex + x));
}

/** Ticket order; ids break ties (which SHA-256 makes practically impossible) so the order is total. */
function lower(aTicket: string, aId: string, bTicket: string, bId: string): boolean {
  return aTicket < bTicket || (aTicket === bTicket && aId < bId);
}

/**
 * How many of a stratum to sample: r = round(ratio × 10000), n = ⌈r × |P| / 10000⌉, in integers so
 * that 0.4 × 15 is 6 and not 7 (as 0.4 * 15 in binary floating point would round up to).
 */
export function sampleSize(ratio: number, populationSize: number): number {
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) throw new RangeError(`ratio must be within 0–1, got ${ratio}`);
  if (!Number.isSafeInteger(populationSize) || populationSize < 0) {
    throw new RangeError(`population size must be a whole number ≥ 0, got ${populationSize}`);
  }
  const r = BigInt(Math.round(ratio * 10_000));
  return Number((r * BigInt(populationSize) + 9_999n) / 10_000n);
}

export interface Ticketed {
  id: string;
  ticket: string;
}

/**
 * The k lowest tickets of a stream, in O(k) memory: a max-heap of the best k seen so far, whose top
 * (the worst kept) is evicted when a lower ticket arrives. The whole population is never sorted.
 */
export class LowestTickets {
  readonly #k: number;
  readonly #heap: Ticketed[] = [];

  constructor(k: number) {
    if (!Number.isSafeInteger(k) || k < 0) throw new RangeError(`k must be a whole number ≥ 0, got ${k}`);
    this.#k = k;
  }

  offer(id: string, ticket: string): void {
    const heap = this.#heap;
    if (heap.length < this.#k) {
      heap.push({ id, ticket });
      this.#siftUp(heap.length - 1);
    } else if (this.#k > 0 && lower(ticket, id, heap[0]!.ticket, heap[0]!.id)) {
      heap[0] = { id, ticket };
      this.#siftDown(0);
    }
  }

  /** The kept entries, lowest ticket first. */
  result(): Ticketed[] {
    return [...this.#heap].sort((a, b) => (lower(a.ticket, a.id, b.ticket, b.id) ? -1 : 1));
  }

  /** Max-heap: a parent is never lower than its children. */
  #above(i: number, j: number): boolean {
    const a = this.#heap[i]!;
    const b = this.#heap[j]!;
    return lower(b.ticket, b.id, a.ticket, a.id);
  }

  #swap(i: number, j: number): void {
    const heap = this.#heap;
    [heap[i], heap[j]] = [heap[j]!, heap[i]!];
  }

  #siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#above(i, parent)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #siftDown(i: number): void {
    const n = this.#heap.length;
    for (;;) {
      let top = i;
      for (const child of [2 * i + 1, 2 * i + 2]) if (child < n && this.#above(child, top)) top = child;
      if (top === i) return;
      this.#swap(i, top);
      i = top;
    }
  }
}

export interface DrawnSubject {
  subjectId: string;
  stratum: Stratum;
  ticket: string;
}

/**
 * A draw fed one population member at a time, for a server streaming a large frozen population.
 * The stratum sizes are the frozen counts (they fix each stratum's n before streaming starts);
 * `result()` refuses if the members offered do not add up to them.
 */
export class StratifiedDraw {
  readonly seedHash: string;
  readonly #sizes: Record<Stratum, number>;
  readonly #offered: Record<Stratum, number> = { A: 0, B: 0, C: 0, D: 0 };
  readonly #lowest: Record<Stratum, LowestTickets>;

  constructor(input: { planId: string; seed: string; ratios: Ratios; sizes: Record<Stratum, number> }) {
    this.seedHash = seedHash(input.planId, input.seed);
    this.#sizes = { ...input.sizes };
    const lowest = (s: Stratum) => new LowestTickets(sampleSize(input.ratios[s], input.sizes[s]));
    this.#lowest = { A: lowest('A'), B: lowest('B'), C: lowest('C'), D: lowest('D') };
  }

  offer(stratum: Stratum, subjectId: string): void {
    this.#offered[stratum] += 1;
    this.#lowest[stratum].offer(subjectId, ticket(this.seedHash, subjectId));
  }

  /** Every stratum's sample merged, lowest ticket first. */
  result(): DrawnSubject[] {
    const drawn: DrawnSubject[] = [];
    for (const stratum of STRATA) {
      if (this.#offered[stratum] !== this.#sizes[stratum]) {
        throw new RangeError(
          `stratum ${stratum}: ${this.#offered[stratum]} members offered, but its frozen size is ${this.#sizes[stratum]}`,
        );
      }
      for (const { id, ticket } of this.#lowest[stratum].result()) drawn.push({ subjectId: id, stratum, ticket });
    }
    return drawn.sort((a, b) => (lower(a.ticket, a.subjectId, b.ticket, b.subjectId) ? -1 : 1));
  }
}

/** The sample of a frozen population: each stratum's n lowest tickets, merged by ticket ascending. */
export function drawSample(input: { planId: string; seed: string; strata: Strata; ratios: Ratios }): DrawnSubject[] {
  const sizes = { A: input.strata.A.length, B: input.strata.B.length, C: input.strata.C.length, D: input.strata.D.length };
  const draw = new StratifiedDraw({ planId: input.planId, seed: input.seed, ratios: input.ratios, sizes });
  for (const stratum of STRATA) for (const id of input.strata[stratum]) draw.offer(stratum, id);
  return draw.result();
}

export interface TeamRoster {
  /** The plan's departments, in the order the plan lists them. */
  departments: readonly string[];
  teamSize: number;
  /** Subject id → industry code. */
  industries: Readonly<Record<string, string>>;
  inspectors: readonly RosterInspector[];
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Teams for the sampled subjects, each independent of the others (API.md does not limit how many
 * teams an inspector joins). Steps, per subject:
 * 1. eligible: in a plan department, a field that is a prefix of the subject's industry, no conflict;
 * 2. each eligible inspector gets ticket(subjectId + "|" + inspectorId);
 * 3. the lowest-ticket eligible inspector of each plan department, in plan order (departments with
 *    none are skipped), then the lowest tickets of the rest up to teamSize;
 * 4. fewer eligible than teamSize: no team, and a reason with the counts.
 */
export function assignTeams(sample: readonly DrawnSubject[], roster: TeamRoster, seedHashHex: string): SampleEntry[] {
  const departments = [...new Set(roster.departments)];
  if (!Number.isSafeInteger(roster.teamSize) || roster.teamSize < Math.max(2, departments.length)) {
    throw new RangeError(`teamSize must be at least 2 and at least the ${departments.length} plan departments, got ${roster.teamSize}`);
  }
  const inPlan = roster.inspectors
    .filter((i) => departments.includes(i.department))
    .map((i) => ({ ...i, conflictSet: new Set(i.conflicts) }));

  return sample.map((subject) => {
    const industry = Object.hasOwn(roster.industries, subject.subjectId) ? roster.industries[subject.subjectId] : undefined;
    const qualified = industry === undefined ? [] : inPlan.filter((i) => i.fields.some((f) => industry.startsWith(f)));
    const eligible = qualified
      .filter((i) => !i.conflictSet.has(subject.subjectId))
      .map((i) => ({ id: i.id, department: i.department, ticket: ticket(seedHashHex, `${subject.subjectId}|${i.id}`) }))
      .sort((a, b) => (lower(a.ticket, a.id, b.ticket, b.id) ? -1 : 1));

    if (eligible.length < roster.teamSize) {
      const recused = qualified.length - eligible.length;
      const coverage =
        industry === undefined
          ? 'the subject has no industry on record'
          : `${plural(qualified.length, 'has', 'have')} a field covering industry ${industry}`;
      const reason =
        `${plural(eligible.length, 'eligible inspector', 'eligible inspectors')} for a team of ${roster.teamSize}: ` +
        `of the ${plural(inPlan.length, 'inspector', 'inspectors')} of the plan departments, ${coverage}` +
        (recused > 0 ? `, and ${recused} of those ${recused === 1 ? 'is' : 'are'} recused for a conflict of interest.` : '.');
      return { ...subject, team: null, unassignedReason: reason };
    }

    const team: string[] = [];
    for (const department of departments) {
      const first = eligible.find((i) => i.department === department);
      if (first) team.push(first.id);
    }
    for (const inspector of eligible) {
      if (team.length >= roster.teamSize) break;
      if (!team.includes(inspector.id)) team.push(inspector.id);
    }
    return { ...subject, team };
  });
}

/** SHA-256 hex of the lines `<stratum>\t<id>\n`, strata A–D, ids sorted (the frozen population). */
export function populationHash(strata: Strata): string {
  const hash = createHash('sha256');
  for (const stratum of STRATA) {
    for (const id of [...strata[stratum]].sort()) hash.update(`${stratum}\t${id}\n`, 'utf8');
  }
  return hash.digest('hex');
}

/**
 * One stratum's public hash: SHA-256 hex of `<salt>\n` and then the sorted `<id>\n` lines. The salt
 * is random and published only in the full document, so nobody can test a guessed list of
 * enterprises against the public hash to learn their risk class.
 */
export function strataHash(salt: string, ids: readonly string[]): string {
  const hash = createHash('sha256').update(`${salt}\n`, 'utf8');
  for (const id of [...ids].sort()) hash.update(`${id}\n`, 'utf8');
  return hash.digest('hex');
}

/** The size of the whole sample: Σ over strata of ⌈round(ratio × 10000) × |P| / 10000⌉. */
export function totalSampleSize(ratios: Ratios, sizes: Record<Stratum, number>): number {
  return STRATA.reduce((n, s) => n + sampleSize(ratios[s], sizes[s]), 0);
}

export type VerifyResult =
  | { ok: true; level: 'full' | 'public'; sampleSize: number; unassigned: number }
  | { ok: false; difference: string; notDrawn?: true };

function showTeam(team: readonly string[] | null | undefined): string {
  return team ? `[${team.join(', ')}]` : 'null (unassigned)';
}

/**
 * Verifies a plan document and reports the first difference: a public document as far as it allows,
 * a full document by re-running the whole draw.
 * Steps: the document's shape; SHA-256(seed) against the commitment; then
 * - full: the populationHash and strataHashes against the strata (no subject in two places), a plan
 *   not drawn yet stops there, then the sample and its teams, entry by entry;
 * - public: a plan not drawn yet stops; every sampled ticket recomputed from seed and planId, the
 *   sample in ticket order without repeats, each team of teamSize, and the sample size from
 *   strataSizes and ratios.
 * Published results must concern sampled subjects. The wording of an unassignedReason is not
 * compared, only that one is given.
 */
export function verifyPlanDocument(doc: unknown): VerifyResult {
  const parsed = parsePlanDocument(doc);
  if (!parsed.ok) return { ok: false, difference: `not a plan document: ${parsed.problem}` };
  const plan = parsed.plan;

  if (plan.seed !== undefined) {
    const commitment = seedCommitmentOf(plan.seed);
    if (commitment !== plan.seedCommitment.toLowerCase()) {
      return {
        ok: false,
        difference: `seed does not match seedCommitment: SHA-256(seed) is ${commitment}, the commitment is ${plan.seedCommitment}`,
      };
    }
  }
  const problem = parsed.kind === 'full' ? verifyFull(parsed.plan) : verifyPublic(parsed.plan);
  if (typeof problem !== 'number') return problem;
  const sampled = new Set((plan.sample ?? []).map((e) => e.subjectId));
  const stray = (plan.results ?? []).findIndex((r) => !sampled.has(r.subjectId));
  if (stray >= 0) return { ok: false, difference: `results[${stray}].subjectId: ${plan.results![stray]!.subjectId} is not in the sample` };
  const unassigned = (plan.sample ?? []).filter((e) => e.team === null).length;
  return { ok: true, level: parsed.kind, sampleSize: problem, unassigned };
}

type Problem = { ok: false; difference: string; notDrawn?: true };

/** The whole draw re-run from the full document; the sample size, or the first difference. */
function verifyFull(plan: FullPlan): number | Problem {
  const recomputedHash = populationHash(plan.strata);
  if (recomputedHash !== plan.populationHash.toLowerCase()) {
    return { ok: false, difference: `populationHash: published ${plan.populationHash}, recomputed ${recomputedHash} from the strata` };
  }
  const seen = new Map<string, Stratum | 'exempt'>();
  for (const stratum of STRATA) {
    for (const id of plan.strata[stratum]) {
      const earlier = seen.get(id);
      if (earlier) return { ok: false, difference: `strata.${stratum}: ${id} is also listed in strata.${earlier}` };
      seen.set(id, stratum);
    }
  }
  for (const stratum of STRATA) {
    const published = plan.strataHashes?.[stratum];
    const recomputed = strataHash(plan.strataSalt, plan.strata[stratum]);
    if (published !== undefined && published.toLowerCase() !== recomputed) {
      return { ok: false, difference: `strataHashes.${stratum}: published ${published}, recomputed ${recomputed} from strataSalt and strata.${stratum}` };
    }
    const size = plan.strataSizes?.[stratum];
    if (size !== undefined && size !== plan.strata[stratum].length) {
      return { ok: false, difference: `strataSizes.${stratum}: published ${size}, but strata.${stratum} lists ${plan.strata[stratum].length}` };
    }
  }
  if (plan.strataSizes && plan.strataSizes.exempt !== plan.exempt.length) {
    return { ok: false, difference: `strataSizes.exempt: published ${plan.strataSizes.exempt}, but exempt lists ${plan.exempt.length}` };
  }

  if (plan.seed === undefined) {
    return { ok: false, notDrawn: true, difference: 'not drawn yet: the plan publishes no seed (its populationHash matches its strata)' };
  }
  const seedHashHex = seedHash(plan.planId, plan.seed);
  const recomputed = assignTeams(drawSample({ ...plan, seed: plan.seed }), plan, seedHashHex);
  const published = plan.sample;
  if (!published) return { ok: false, difference: `sample: none published, recomputed ${recomputed.length} entries` };

  for (let i = 0; i < Math.max(published.length, recomputed.length); i += 1) {
    const p = published[i];
    const r = recomputed[i];
    if (!p) return { ok: false, difference: `sample[${i}]: missing, recomputed ${r!.subjectId} (${recomputed.length} entries in all, ${published.length} published)` };
    if (!r) return { ok: false, difference: `sample[${i}]: published ${p.subjectId}, but only ${recomputed.length} entries are recomputed` };
    for (const field of ['subjectId', 'stratum', 'ticket'] as const) {
      if (p[field] !== r[field]) return { ok: false, difference: `sample[${i}].${field}: published ${p[field]}, recomputed ${r[field]}` };
    }
    if (JSON.stringify(p.team) !== JSON.stringify(r.team)) {
      return { ok: false, difference: `sample[${i}].team: published ${showTeam(p.team)}, recomputed ${showTeam(r.team)}` };
    }
    if (r.team === null && !p.unassignedReason) {
      return { ok: false, difference: `sample[${i}].unassignedReason: missing for a subject left without a team` };
    }
  }
  return recomputed.length;
}

/** What the public document allows: tickets, order, team sizes, the sample size. */
function verifyPublic(plan: PublicPlan): number | Problem {
  if (plan.seed === undefined) {
    return { ok: false, notDrawn: true, difference: 'not drawn yet: the plan publishes no seed, so its sample cannot be checked yet' };
  }
  const published = plan.sample;
  const expected = totalSampleSize(plan.ratios, plan.strataSizes);
  if (!published) return { ok: false, difference: `sample: none published, the strata sizes and ratios give ${expected} entries` };
  const seedHashHex = seedHash(plan.planId, plan.seed);
  const seen = new Set<string>();
  for (const [i, p] of published.entries()) {
    const recomputed = ticket(seedHashHex, p.subjectId);
    if (p.ticket !== recomputed) return { ok: false, difference: `sample[${i}].ticket: published ${p.ticket}, recomputed ${recomputed}` };
    if (seen.has(p.subjectId)) return { ok: false, difference: `sample[${i}].subjectId: ${p.subjectId} is sampled twice` };
    seen.add(p.subjectId);
    const before = published[i - 1];
    if (before && lower(p.ticket, p.subjectId, before.ticket, before.subjectId)) {
      return { ok: false, difference: `sample[${i}]: ${p.subjectId}'s ticket is lower than sample[${i - 1}]'s: the sample is not in ticket order` };
    }
    if (p.team !== null && (p.team.length !== plan.teamSize || new Set(p.team).size !== p.team.length)) {
      return { ok: false, difference: `sample[${i}].team: published ${showTeam(p.team)}, but a team has ${plan.teamSize} different inspectors` };
    }
  }
  if (published.length !== expected) {
    return { ok: false, difference: `sample: ${published.length} entries published, the strata sizes and ratios give ${expected}` };
  }
  return published.length;
}
