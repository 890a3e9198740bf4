import { randomBytes } from 'node:crypto';
import { cstDate } from '#domain/dates.ts';
import { populationHash, strataHash } from '#domain/draws.ts';
import type { Entity } from '#domain/entities.ts';
import type { RosterInspector } from '#domain/inspectors.ts';
import { placeInPopulation, STRATA, type Member, type PendingPlan, type Plan, type PlanRequest, type Stratum } from '#domain/plans.ts';
import { inForceAt, type CreditRecord } from '#domain/records.ts';
import { findList } from '#domain/reference.ts';
import { riskClass } from '#domain/risk-classes.ts';
import { listInspectors } from '#data/inspectors.ts';
import { writeChunks } from '#data/plans.ts';

/**
 * The parts of a freeze that the request (a small scope) and the job (a city) share: classifying
 * subjects as of one instant into strata, and writing the frozen population and roster.
 */
export type Places = Stratum | 'exempt';
export type StrataMembers = Record<Places, Member[]>;
export const PLACES: readonly Places[] = [...STRATA, 'exempt'];

/** A fresh id for one attempt at writing chunks (a freeze, a segment, a draw). */
export const attemptIdOf = () => randomBytes(8).toString('hex');

const byId = (a: Member, b: Member) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * Places each subject offered in its stratum, classified as of `asOf`: what was registered or
 * recorded after that instant is not yet part of the city the plan freezes, so every worker of a job
 * (and a re-run of one) classifies the same city.
 */
export class PopulationBuilder {
  readonly strata: StrataMembers = { A: [], B: [], C: [], D: [], exempt: [] };
  private readonly at: string;
  private readonly today: string;
  members = 0;

  constructor(
    private readonly request: Pick<PlanRequest, 'scope' | 'mode'>,
    asOf: string,
  ) {
    this.at = asOf;
    this.today = cstDate(new Date(asOf));
  }

  offer = (entity: Entity, records: CreditRecord[]) => {
    if (entity.createdAt > this.at) return;
    const known = records.filter((r) => r.createdAt <= this.at);
    const onRedList = known.some((r) => r.type === 'listing' && findList(r.listCode ?? '')?.kind === 'red' && inForceAt(r, this.at, this.today));
    const place = placeInPopulation({ ...entity, riskClass: riskClass(entity, known, this.at, this.today), onRedList }, this.request);
    if (!place) return;
    this.strata[place].push([entity.id, entity.industry ?? '']);
    this.members++;
  };

  /** The strata, each sorted by id. */
  sorted(): StrataMembers {
    for (const place of PLACES) this.strata[place].sort(byId);
    return this.strata;
  }
}

/** Joins segments' strata (each sorted) into one sorted population. */
export function mergeStrata(parts: readonly Partial<StrataMembers>[]): StrataMembers {
  const merged: StrataMembers = { A: [], B: [], C: [], D: [], exempt: [] };
  for (const place of PLACES) {
    const lists = parts.map((p) => p[place] ?? []);
    const all = lists.length === 1 ? lists[0]! : lists.flat();
    merged[place] = lists.length === 1 ? all : all.sort(byId);
  }
  return merged;
}

/** What a pending plan and a frozen plan have in common: the request, the stamp, the freeze's own fields. */
type FreezeBase = Pick<
  PendingPlan,
  'planId' | 'title' | 'departments' | 'scope' | 'ratios' | 'teamSize' | 'mode' | 'seedCommitment' | 'strataSalt' | 'freezeId' | 'requestHash' | 'createdAt' | 'createdBy' | 'createdByDepartment' | 'requestId' | 'asOf'
>;

/**
 * Freezes the roster of the plan's departments (conflicts cut to the population), writes the
 * population and roster chunks under the freeze id and returns the frozen plan, not yet committed.
 * Deterministic for the same base and strata: a re-run writes the same items.
 */
export async function writeFrozenPopulation(base: FreezeBase, strata: StrataMembers, frozenAt: string): Promise<Plan> {
  const ids = { A: strata.A.map((m) => m[0]), B: strata.B.map((m) => m[0]), C: strata.C.map((m) => m[0]), D: strata.D.map((m) => m[0]) };
  const members = new Set(STRATA.flatMap((s) => ids[s]));
  // Only conflicts that can matter to a team are frozen: the rest would disclose nothing useful.
  const roster: RosterInspector[] = (await Promise.all(base.departments.map((d) => listInspectors(d))))
    .flat()
    .map(({ id, department, fields, conflicts }) => ({ id, department, fields, conflicts: conflicts.filter((c) => members.has(c)) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const [populationChunks, rosterChunks] = await Promise.all([
    writeChunks(base.planId, 'P', base.freezeId, strata),
    writeChunks(base.planId, 'R', base.freezeId, { roster }),
  ]);
  const { strataSalt } = base;
  return {
    planId: base.planId,
    title: base.title,
    departments: base.departments,
    scope: base.scope,
    ratios: base.ratios,
    teamSize: base.teamSize,
    mode: base.mode,
    seedCommitment: base.seedCommitment,
    status: 'frozen',
    population: { A: strata.A.length, B: strata.B.length, C: strata.C.length, D: strata.D.length, exempt: strata.exempt.length },
    populationHash: populationHash(ids),
    strataSalt,
    strataHashes: { A: strataHash(strataSalt, ids.A), B: strataHash(strataSalt, ids.B), C: strataHash(strataSalt, ids.C), D: strataHash(strataSalt, ids.D) },
    freezeId: base.freezeId,
    populationChunks,
    rosterChunks,
    requestHash: base.requestHash,
    createdAt: base.createdAt,
    createdBy: base.createdBy,
    createdByDepartment: base.createdByDepartment,
    requestId: base.requestId,
    asOf: base.asOf,
    frozenAt,
  };
}
