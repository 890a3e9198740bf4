import { describe, expect, it } from 'vitest';
import { mayChangeEntity, provisionalEntityInput } from '#domain/entities.ts';
import { idFamily } from '#domain/identifiers.ts';

const TODAY = '2026-12-07';

describe('a subject registered from its code alone', () => {
  it.each([
    ['91120224064012553U', 'enterprise', '120224'], // 企业
    ['92340602MA2PBMEM24', 'enterprise', '340602'], // 个体工商户
    ['121200004013590816', 'organization', '120000'], // 事业单位: digits only, still a credit code
    ['91110000600037341L', 'enterprise', '110000'],
    ['11010519491231002X', 'person', '110105'],
  ] as const)('%s is a provisional %s of region %s, active, without industry', (id, kind, region) => {
    const family = idFamily(id, TODAY)!;
    expect(provisionalEntityInput(id, ' 名称 ', family)).toEqual({ kind, name: '名称', region, status: 'active' });
  });
});

describe('who may change an entity', () => {
  it.each([
    [{ registeredBy: 'TAX' }, 'TAX', false, true],
    [{ registeredBy: 'TAX' }, 'MARKET', false, false],
    [{ registeredBy: 'TAX', provisional: true as const }, 'TAX', false, false],
    [{ registeredBy: 'TAX', provisional: true as const }, 'MARKET', false, true],
    [{ registeredBy: 'TAX', provisional: true as const }, 'COURT', true, true],
  ])('%j by %s (admin %s): %s', (entity, department, isAdmin, may) => {
    expect(mayChangeEntity(entity, department, isAdmin)).toBe(may);
  });
});
