import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckCharacter,
  idFamily,
  idProblem,
  isCreditCode,
  isResidentId,
  maskResidentId,
  normaliseId,
  residentCheckCharacter,
} from '#domain/identifiers.ts';

/**
 * DOMAIN.md §2, written out here independently of the module under test: the expected values below
 * come from these constants and the test's own loops, never from the code being tested.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const LETTERS_OUTSIDE_CHARSET = ['I', 'O', 'S', 'V', 'Z'];
const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_CHECK = '10X98765432';
const TODAY = '2026-06-15';

const REAL_CREDIT_CODES = [
  '91110000600037341L',
  '121200004013590816',
  '91120224064012553U',
  '92340602MA2PBMEM24',
  '91350100M000100Y43',
];
const RESIDENT_ID = '11010519491231002X';

function creditWeightedSum(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  return sum;
}

function residentWeightedSum(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * RESIDENT_WEIGHTS[i]!;
  return sum;
}

/** A resident id with a correct check character, built by the test's own MOD 11-2. */
function residentIdWith(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + RESIDENT_CHECK[residentWeightedSum(first17) % 11];
}

const replaceAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);

describe('the DOMAIN.md constants the tests rely on', () => {
  it('has 31 characters in the credit-code set, without I, O, S, V or Z', () => {
    expect(CHARSET).toHaveLength(31);
    expect(new Set(CHARSET).size).toBe(31);
    for (const letter of LETTERS_OUTSIDE_CHARSET) expect(CHARSET).not.toContain(letter);
  });

  it('has credit-code weights equal to 3^(i-1) mod 31', () => {
    let w = 1;
    for (let i = 0; i < 17; i++) {
      expect(CREDIT_WEIGHTS[i]).toBe(w);
      w = (w * 3) % 31;
    }
  });
});

describe('unified social credit codes', () => {
  describe('the worked example 91350100M000100Y4 → 3', () => {
    const first17 = '91350100M000100Y4';

    it('has the weighted sum 1640', () => {
      expect(creditWeightedSum(first17)).toBe(1640);
    });

    it('leaves 28 when the sum is divided by 31, so the check value is 31 − 28 = 3', () => {
      expect(1640 % 31).toBe(28);
      expect((31 - 28) % 31).toBe(3);
      expect(CHARSET[3]).toBe('3');
    });

    it('computes the check character 3', () => {
      expect(creditCodeCheckCharacter(first17)).toBe('3');
    });

    it('accepts the complete code 91350100M000100Y43', () => {
      expect(isCreditCode('91350100M000100Y43')).toBe(true);
    });
  });

  it.each(REAL_CREDIT_CODES)('accepts the real code %s', (code) => {
    expect(isCreditCode(code)).toBe(true);
  });

  it.each(REAL_CREDIT_CODES)('computes the check character of %s as its last character', (code) => {
    const expected = CHARSET[(31 - (creditWeightedSum(code.slice(0, 17)) % 31)) % 31];
    expect(expected).toBe(code[17]);
    expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  const positions = REAL_CREDIT_CODES.flatMap((code) =>
    Array.from({ length: 18 }, (_, position) => ({ code, position: position + 1 })),
  );
  it.each(positions)(
    'rejects every single-character change of $code at position $position',
    ({ code, position }) => {
      const original = code[position - 1]!;
      const replacements = [...CHARSET, ...LETTERS_OUTSIDE_CHARSET].filter((c) => c !== original);
      expect(replacements.length).toBeGreaterThanOrEqual(34);
      const accepted = replacements.map((c) => replaceAt(code, position - 1, c)).filter((m) => isCreditCode(m));
      expect(accepted).toEqual([]);
    },
  );

  it.each([
    ['17 characters', '91110000600037341'],
    ['19 characters', '91110000600037341L0'],
    ['the empty string', ''],
    ['lower-case letters', '91110000600037341l'],
    ['an embedded space', '9111000060003 7341L'],
  ])('rejects %s', (_label, id) => {
    expect(isCreditCode(id)).toBe(false);
  });

  it.each([['9111000060003734'], ['91350100M000100YI'], ['']])(
    'gives no check character for the malformed prefix "%s"',
    (prefix) => {
      expect(creditCodeCheckCharacter(prefix)).toBeUndefined();
    },
  );
});

describe('resident identity numbers', () => {
  it('has the weighted sum 167 and remainder 2 for 11010519491231002, giving the check X', () => {
    expect(residentWeightedSum('11010519491231002')).toBe(167);
    expect(167 % 11).toBe(2);
    expect(RESIDENT_CHECK[2]).toBe('X');
    expect(residentCheckCharacter('11010519491231002')).toBe('X');
  });

  it('accepts 11010519491231002X', () => {
    expect(isResidentId(RESIDENT_ID, TODAY)).toBe(true);
  });

  it.each(Array.from({ length: 18 }, (_, i) => i + 1))(
    'rejects every single-character change of 11010519491231002X at position %i',
    (position) => {
      const original = RESIDENT_ID[position - 1]!;
      const replacements = [...'0123456789X'].filter((c) => c !== original);
      expect(replacements).toHaveLength(10);
      const accepted = replacements
        .map((c) => replaceAt(RESIDENT_ID, position - 1, c))
        .filter((m) => isResidentId(m, TODAY));
      expect(accepted).toEqual([]);
    },
  );

  it('accepts a lower-case x once normalised, storing X', () => {
    const normalised = normaliseId('11010519491231002x');
    expect(normalised).toBe('11010519491231002X');
    expect(isResidentId(normalised, TODAY)).toBe(true);
  });

  it('accepts a birth date in the past with a correct check character (control for the cases below)', () => {
    const id = residentIdWith('110105', '20000229', '001');
    expect(isResidentId(id, TODAY)).toBe(true);
  });

  it.each([
    ['a birth date after today', '20260616'],
    ['a birth date far in the future', '20991231'],
    ['31 February', '19490231'],
    ['29 February in a year that is not a leap year', '19000229'],
    ['month 13', '19491301'],
    ['day 0', '19491200'],
  ])('rejects %s even with a correct check character', (_label, birth) => {
    const id = residentIdWith('110105', birth, '002');
    expect(residentCheckCharacter(id.slice(0, 17))).toBe(id[17]);
    expect(isResidentId(id, TODAY)).toBe(false);
  });

  it.each([
    ['17 characters', '11010519491231002'],
    ['19 characters', '11010519491231002X0'],
    ['a letter other than X', '11010519491231002A'],
    ['X before the last position', '1101051949123100X2'],
  ])('rejects %s', (_label, id) => {
    expect(isResidentId(id, TODAY)).toBe(false);
  });
});

describe('normaliseId', () => {
  it.each([
    ['surrounding spaces', '  91110000600037341L  ', '91110000600037341L'],
    ['tabs and newlines', '\t91110000600037341L\n', '91110000600037341L'],
    ['inner spaces', '9111 0000 6000 3734 1L', '91110000600037341L'],
    ['hyphens', '91-110000-600037341-L', '91110000600037341L'],
    ['lower case', '92340602ma2pbmem24', '92340602MA2PBMEM24'],
    ['all at once', ' 110105-1949 1231-002x ', '11010519491231002X'],
  ])('removes %s', (_label, raw, expected) => {
    expect(normaliseId(raw)).toBe(expected);
  });
});

describe('which identifier can name which kind of subject', () => {
  it.each(['enterprise', 'organization'] as const)('accepts a credit code for kind %s', (kind) => {
    expect(idProblem('91110000600037341L', kind, TODAY)).toBeUndefined();
  });

  it('accepts a resident id for kind person', () => {
    expect(idProblem(RESIDENT_ID, 'person', TODAY)).toBeUndefined();
  });

  it.each(REAL_CREDIT_CODES)('rejects the credit code %s for kind person', (code) => {
    expect(idProblem(code, 'person', TODAY)).toMatch(/resident identity number/);
  });

  it.each(['enterprise', 'organization'] as const)('rejects a resident id for kind %s', (kind) => {
    expect(idProblem(RESIDENT_ID, kind, TODAY)).toMatch(/credit code/);
  });

  it('rejects a resident id for kind person when its birth date is after today', () => {
    expect(idProblem(residentIdWith('110105', '20260616', '001'), 'person', TODAY)).toBeDefined();
  });

  it.each([
    ['121200004013590816', 'creditCode'],
    ['91110000600037341L', 'creditCode'],
    [RESIDENT_ID, 'residentId'],
    ['91110000600037341X', undefined],
  ])('tells that %s is a %s', (id, family) => {
    expect(idFamily(id, TODAY)).toBe(family);
  });
});

describe('masking a resident id for public display', () => {
  it('shows the first 6 and last 4 characters only', () => {
    expect(maskResidentId(RESIDENT_ID)).toBe('110105********002X');
  });

  it('never contains the birth date', () => {
    expect(maskResidentId(RESIDENT_ID)).not.toContain('19491231');
  });
});
