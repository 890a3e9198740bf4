/**
 * Cell conversions for import files. Each returns the converted value or a problem message; none of
 * them decides whether a record is admissible — that is recordBody's and buildRecord's job.
 */
export type Converted<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Converted<T> => ({ ok: true, value });
const fail = (message: string): Converted<never> => ({ ok: false, message });

/**
 * Dates as departments export them: YYYY-MM-DD, YYYY/MM/DD (also with one-digit month or day) or
 * YYYYMMDD, to YYYY-MM-DD. Whether the day exists is left to the API's date rule.
 */
export function normaliseDate(raw: string): Converted<string> {
  const s = raw.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  const separated = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(s);
  const m = compact ?? separated;
  if (!m) return fail('must be a date YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD');
  return ok(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
}

/**
 * An amount written as a decimal string, scaled by 10^shift and returned in yuan, computed exactly on
 * the digits: "0.35" 万元 (shift 4) is 3500 yuan, "1.234567" 万元 is 12345.67 yuan. Amounts finer
 * than a fen (0.01 yuan) are refused rather than rounded.
 */
export function decimalToYuan(raw: string, shift: number): Converted<number> {
  const s = raw.trim().replace(/[,，\s]/g, '');
  if (/^-/.test(s)) return fail('must not be negative');
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === '' && !m[2])) return fail('must be a decimal number');
  const fenDigits = shift + 2;
  const fraction = m[2] ?? '';
  if (/[1-9]/.test(fraction.slice(fenDigits))) {
    return fail(`is finer than a fen (at most ${fenDigits} decimal places)`);
  }
  const fen = BigInt((m[1] || '0') + fraction.slice(0, fenDigits).padEnd(fenDigits, '0'));
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return fail('is too large');
  // Integer fen divided by 100 is the double nearest to the exact yuan amount (IEEE division rounds once).
  return ok(Number(fen) / 100);
}

const TRUE = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', '否']);

export function parseBoolean(raw: string): Converted<boolean> {
  const s = raw.trim().toLowerCase();
  if (TRUE.has(s)) return ok(true);
  if (FALSE.has(s)) return ok(false);
  return fail('must be true or false (是/否)');
}

const SEVERITIES: Record<string, string> = { 轻微: 'minor', 一般: 'general', 严重: 'serious' };

/** 轻微/一般/严重 or the API's own words; anything else is left for recordBody to refuse. */
export const normaliseSeverity = (raw: string): string => SEVERITIES[raw.trim()] ?? raw.trim();
