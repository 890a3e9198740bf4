import { describe, expect, it } from 'vitest';
import { maskResidentIds } from '#domain/masking.ts';

describe('masking resident identity numbers in text', () => {
  it.each([
    ['11010519491231002X', '110105********002X'],
    ['subjectId: no entity 11010519491231002X is registered', 'subjectId: no entity 110105********002X is registered'],
    ['法定代表人11010519491231002x已列入', '法定代表人110105********002x已列入'],
    ['SUBJECT#11010519491231002X#RECORD', 'SUBJECT#110105********002X#RECORD'],
    ['two: 11010519491231002X, 110105198001010011', 'two: 110105********002X, 110105********0011'],
    // A wrong check character is masked all the same.
    ['11010519491231002Y 110105194912310029', '11010519491231002Y 110105********0029'],
  ])('masks %s', (text, masked) => {
    expect(maskResidentIds(text)).toBe(masked);
  });

  it.each([
    ['a credit code', '91110000600037341L'],
    ['an all-digit credit code', '121200004013590816'],
    ['a commitment code', '33010020260101000001'],
    ['a longer run of digits', '1101051949123100211'],
    ['a date that is no birth date', '110105194913310021'],
    ['an instant', '2026-12-04T21:11:18.123Z'],
  ])('leaves %s alone', (_what, text) => {
    expect(maskResidentIds(text)).toBe(text);
  });
});
