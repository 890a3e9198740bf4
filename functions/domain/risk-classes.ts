import { addMonths, addYears, type IsoDate } from './dates.ts';
import { inForceAt, type CreditRecord } from './records.ts';
import { findList } from './reference.ts';

/**
 * Credit-risk classes A–D (DOMAIN.md §6): a pure function of a subject's records under a policy that
 * is data, so a city can change its thresholds without a code change. The first class whose rule
 * matches wins, from D down.
 */
export const RISK_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

export interface RiskPolicy {
  D: { blackSeverities: string[]; activePenaltiesAbove: number; finesAbove: number };
  C: {
    blackSeverities: string[];
    activePenaltiesFrom: number;
    finesFrom: number;
    nonCooperationWithinMonths: number;
  };
  B: { activePenaltiesFrom: number; establishedWithinYears: number };
}

export const DEFAULT_RISK_POLICY: RiskPolicy = {
  D: { blackSeverities: ['serious'], activePenaltiesAbove: 10, finesAbove: 500_000 },
  C: { blackSeverities: ['general'], activePenaltiesFrom: 6, finesFrom: 100_000, nonCooperationWithinMonths: 12 },
  B: { activePenaltiesFrom: 1, establishedWithinYears: 3 },
};

/** The record types a risk class is computed from: the population index holds these and nothing else. */
export const CLASS_RECORD_TYPES: ReadonlySet<string> = new Set(['penalty', 'listing', 'inspection']);

/** Only enterprises are ever in a plan's population (DOMAIN.md §6). */
export const isClassified = (subject: { kind: string }) => subject.kind === 'enterprise';

export interface ClassifiedSubject {
  establishedOn?: IsoDate | undefined;
}

/** A penalty that counts: in force today, neither warning-only nor minor. */
export function isActivePenalty(record: CreditRecord, at: string, today: IsoDate): boolean {
  return record.type === 'penalty' && !record.warningOnly && record.severity !== 'minor' && inForceAt(record, at, today);
}

export function riskClass(
  subject: ClassifiedSubject,
  records: readonly CreditRecord[],
  at: string,
  today: IsoDate,
  policy: RiskPolicy = DEFAULT_RISK_POLICY,
): RiskClass {
  const activePenalties = records.filter((r) => isActivePenalty(r, at, today));
  // Summed in whole fen: adding yuan amounts as binary fractions can fall short of a threshold they meet.
  const fines = activePenalties.reduce((fen, r) => fen + Math.round((r.fineAmount ?? 0) * 100), 0) / 100;
  const listings = records.filter((r) => r.type === 'listing' && r.listCode && inForceAt(r, at, today));
  const blackSeverities = new Set<string>(
    listings.map((r) => findList(r.listCode!)).filter((l) => l?.kind === 'black').map((l) => l!.severity ?? ''),
  );
  const onRedList = listings.some((r) => findList(r.listCode!)?.kind === 'red');

  if (
    policy.D.blackSeverities.some((s) => blackSeverities.has(s)) ||
    activePenalties.length > policy.D.activePenaltiesAbove ||
    fines > policy.D.finesAbove
  ) {
    return 'D';
  }
  const nonCooperationSince = addMonths(today, -policy.C.nonCooperationWithinMonths);
  const recentNonCooperation = records.some(
    (r) =>
      r.type === 'inspection' &&
      r.outcome === 'NON_COOPERATION' &&
      !r.retractedAt &&
      !r.repairedAt &&
      r.decidedOn >= nonCooperationSince &&
      r.decidedOn <= today,
  );
  if (
    policy.C.blackSeverities.some((s) => blackSeverities.has(s)) ||
    activePenalties.length >= policy.C.activePenaltiesFrom ||
    fines >= policy.C.finesFrom ||
    recentNonCooperation
  ) {
    return 'C';
  }
  if (activePenalties.length >= policy.B.activePenaltiesFrom) return 'B';
  const young =
    !subject.establishedOn || subject.establishedOn > addYears(today, -policy.B.establishedWithinYears);
  if (young && !onRedList) return 'B';
  return 'A';
}
