/**
 * Identifiers (DOMAIN.md §2): unified social credit codes (GB 32100-2015) and resident identity
 * numbers (GB 11643, ISO 7064 MOD 11-2). Pure: no I/O.
 */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_CHECK = '10X98765432';

export type SubjectKind = 'enterprise' | 'organization' | 'person';

/** Trim, drop spaces and hyphens, upper-case. */
export function normaliseId(raw: string): string {
  return raw.trim().replace(/[\s-]+/g, '').toUpperCase();
}

/** The check character for the first 17 characters of a credit code, or undefined if they are malformed. */
export function creditCodeCheckCharacter(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]!);
    if (value < 0) return undefined;
    sum += value * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

export function isCreditCode(id: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(id)) return false;
  if (!/^\d{6}$/.test(id.slice(2, 8))) return false;
  return creditCodeCheckCharacter(id.slice(0, 17)) === id[17];
}

function isPastCalendarDate(yyyymmdd: string, today: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1850 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` <= today;
}

export function residentCheckCharacter(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * RESIDENT_WEIGHTS[i]!;
  return RESIDENT_CHECK[sum % 11];
}

/** A resident identity number: digits, a real birth date not after `today` (YYYY-MM-DD), the check. */
export function isResidentId(id: string, today: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  if (!isPastCalendarDate(id.slice(6, 14), today)) return false;
  return residentCheckCharacter(id.slice(0, 17)) === id[17];
}

/** Which kinds of subject an id can name: a credit code (enterprise, organization) or a person. */
export function idFamily(id: string, today: string): 'creditCode' | 'residentId' | undefined {
  if (isResidentId(id, today)) return 'residentId';
  if (isCreditCode(id)) return 'creditCode';
  return undefined;
}

/** Why `id` cannot name a subject of `kind`, or undefined when it can. */
export function idProblem(id: string, kind: SubjectKind, today: string): string | undefined {
  if (kind === 'person') {
    return isResidentId(id, today)
      ? undefined
      : 'must be a resident identity number (18 characters: region, a past birth date, sequence, check character)';
  }
  return isCreditCode(id)
    ? undefined
    : 'must be a unified social credit code (18 characters with a valid check character)';
}

/** Public display of a person's identity number: first 6 and last 4 characters only. */
export function maskResidentId(id: string): string {
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}
