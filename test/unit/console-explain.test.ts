import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../console/src/api.ts';
import type { Catalogue } from '../../console/src/catalogue.ts';
import { explained, inChinese } from '../../console/src/parts/explain.ts';
import { parseCsv } from '../../console/src/parts/import-progress.ts';
import { commitmentRefusal } from '#domain/commitments.ts';
import { correctRecord } from '#domain/corrections.ts';
import { DomainError } from '#domain/errors.ts';
import { idProblem } from '#domain/identifiers.ts';
import { buildRecord, precheckRecord, type CreditRecord } from '#domain/records.ts';
import { departments, lists, matters } from '#domain/reference.ts';
import { repairVerdict } from '#domain/repair.ts';
import { entityBody } from '../../functions/handlers/entities/put-entity.contract.ts';
import { recordBody } from '../../functions/handlers/records/create-record.contract.ts';

/**
 * The workbench says the service's refusals in Chinese (console/src/parts/explain.ts). Each message here is
 * produced by the service's own rules, so a rule whose wording changes fails this test instead of showing
 * the recorder English.
 */
const names = (entries: readonly { code: string; name: string }[]) => (code: string) => entries.find((e) => e.code === code)?.name ?? code;
const catalogue = { lists: [], departments: [], matters: [], listName: names(lists), departmentName: names(departments), matterName: names(matters) } as unknown as Catalogue;

const thrown = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('did not throw');
};

const stamp = { sub: 'clerk', department: 'MARKET', at: '2026-06-01T02:00:00.000Z', requestId: 'r' };
const penalty = buildRecord({ subjectId: '91120224064012553U', type: 'penalty', documentNo: 'D1', decidedOn: '2026-05-20', title: 't' }, 'enterprise', stamp);

describe('the service’s messages in Chinese', () => {
  it.each([
    ['a repair before the minimum period', () => repairVerdict(penalty, '2026-06-01'), /^一般失信记录的最短公示期未满，自 2026-08-20 起方可申请信用修复$/],
    [
      'a repair of a listing its keeper ends',
      () => repairVerdict({ ...penalty, type: 'listing', listCode: 'COURT_DEFAULTER', listKind: 'black' }, '2027-06-01'),
      /^“失信被执行人”由认定部门移出名单，不适用信用修复$/,
    ],
  ])('%s', (_name, verdict, chinese) => {
    const v = verdict() as { allowed: boolean; rule?: string };
    expect(v.allowed).toBe(false);
    expect(inChinese(v.rule!, catalogue)).toMatch(chinese);
  });

  it.each([
    ['a listing on a list another department keeps', () => precheckRecord({ type: 'listing', listCode: 'COURT_DEFAULTER', decidedOn: '2026-05-01' }, 'MARKET', '2026-06-01'), '“失信被执行人”只能由高级人民法院列入'],
    ['a list that does not take the kind', () => buildRecord({ subjectId: 'x', type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: 'D', decidedOn: '2026-05-01', title: 't' }, 'person', stamp), '“经营异常名录”不收录此类主体'],
    ['a publicity period lengthened', () => buildRecord({ subjectId: 'x', type: 'penalty', documentNo: 'D', decidedOn: '2026-05-01', title: 't', publicUntil: '2030-01-01' }, 'enterprise', stamp), '只能缩短、不能延长一般处罚的公示期（最迟 2027-05-01）'],
    ['a correction of a retracted record', () => correctRecord({ ...penalty, retractedAt: stamp.at } as CreditRecord, { title: 'x' }, 'r', 'enterprise', stamp, '2026-06-01'), '该记录已撤销，不能更正（其文书号仍被占用）'],
  ])('%s', (_name, f, chinese) => {
    const error = thrown(f);
    const message = error.errors[0]?.message ?? error.message;
    expect(inChinese(message, catalogue)).toBe(chinese);
  });

  it('says why a subject on COMMITMENT_BREACH may not replace proof by a commitment', () => {
    const breach = buildRecord({ subjectId: 'x', type: 'listing', listCode: 'COMMITMENT_BREACH', documentNo: 'B', decidedOn: '2026-05-01', title: 't' }, 'enterprise', stamp);
    const refusal = commitmentRefusal('APPROVAL_REPLACEMENT', [breach], stamp.at, '2026-06-01')!;
    expect(inChinese(refusal, catalogue)).toBe('该主体自 2026-05-01 起在“信用承诺失信（违诺）”名单上，修复前不得作出审批替代型、容缺受理型或证明事项型承诺');
  });

  it('names the id, region, industry and list errors of the request schemas in Chinese', () => {
    const entity = entityBody.safeParse({ kind: 'enterprise', name: 'n', region: '12011', status: 'active' });
    const messages = Object.fromEntries(entity.error!.issues.map((i) => [i.path.join('.'), inChinese(i.message, catalogue)]));
    expect(messages).toEqual({ region: '应为 6 位行政区划代码', industry: '自然人以外的主体必须填写' });
    expect(inChinese(idProblem('91120224064012553A', 'enterprise', '2026-06-01')!, catalogue)).toBe('应为 18 位统一社会信用代码，校验码不正确或与主体类别不符');
    expect(inChinese(idProblem('91120224064012553U', 'person', '2026-06-01')!, catalogue)).toMatch(/^应为 18 位居民身份证号/);
    const record = recordBody.safeParse({ subjectId: '91120224064012553U', type: 'listing', documentNo: 'D', decidedOn: '2026-05-01', title: 't' });
    expect(inChinese(record.error!.issues[0]!.message, catalogue)).toBe('名单记录必须选择名单');
  });

  it('keeps a message it does not know as the service wrote it', () => {
    expect(inChinese('something new', catalogue)).toBe('something new');
  });

  it('folds a refusal’s reason into the sentence, leaving the field errors for the fields', () => {
    const problem = new ApiProblem(422, '请求无法受理。', [{ path: 'recordId', message: 'the minimum period for a serious record runs until 2027-05-01; repair is possible from that day' }], 'req-1', 'recordId: …');
    const shown = explained(problem, catalogue) as ApiProblem;
    expect(shown.message).toBe('请求无法受理：严重失信记录的最短公示期未满，自 2027-05-01 起方可申请信用修复。');
    expect(shown.errors).toEqual([]);
    expect(shown.detail).toBeUndefined();
    const field = explained(new ApiProblem(422, '请求无法受理。', [{ path: 'subjectId', message: 'no entity 91120224064012553U is registered' }]), catalogue) as ApiProblem;
    expect(field.errors).toEqual([{ path: 'subjectId', message: '主体 91120224064012553U 尚未登记，请先在“主体登记”中登记' }]);
  });
});

describe('the reject file as the imports screen reads it', () => {
  it('reads quoted cells, doubled quotes, line breaks inside quotes and a BOM', () => {
    expect(parseCsv('\uFEFFrow,field,reason\r\n4,处罚决定日期,"must be a calendar date, YYYY-MM-DD"\n5,"a ""b""","x\ny"\n')).toEqual([
      ['row', 'field', 'reason'],
      ['4', '处罚决定日期', 'must be a calendar date, YYYY-MM-DD'],
      ['5', 'a "b"', 'x\ny'],
    ]);
  });
});
