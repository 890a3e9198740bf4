import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import type { EntityInput } from '#domain/entities.ts';
import type { RecordInput } from '#domain/records.ts';
import { entityToChange, putEntity } from '#use-cases/put-entity.ts';
import { createRecord } from '#use-cases/create-record.ts';
import { now } from '#domain/clock.ts';

/** A credit code with a valid check character for the given first 17 characters. */
export const demoCode = (first17: string) => first17 + creditCodeCheckCharacter(first17);

export const DEMO = {
  defaulterPerson: '11010519491231002X',
  defaulter: '91110000600037341L',
  abnormal: '91120224064012553U',
  honest: demoCode('91120116MA05K8Q7X'),
  huawei: demoCode('91440300192203821'),
  school: '121200004013590816',
  shop: '92340602MA2PBMEM24',
};

const entities: [string, EntityInput][] = [
  [DEMO.defaulterPerson, { kind: 'person', name: '张某某', region: '110105', status: 'active' }],
  [DEMO.defaulter, { kind: 'enterprise', name: '北京示范建设工程有限公司', region: '110000', industry: 'E47', status: 'active', establishedOn: '2008-05-12', legalRepresentativeId: DEMO.defaulterPerson }],
  [DEMO.abnormal, { kind: 'enterprise', name: '天津宝坻示范商贸有限公司', region: '120224', industry: 'F51', status: 'active', establishedOn: '2013-03-20' }],
  [DEMO.honest, { kind: 'enterprise', name: '天津滨海示范制造股份有限公司', region: '120116', industry: 'C34', status: 'active', establishedOn: '2010-09-01' }],
  [DEMO.huawei, { kind: 'enterprise', name: '华为技术有限公司', region: '440300', industry: 'C39', status: 'active', establishedOn: '1987-09-15' }],
  [DEMO.school, { kind: 'organization', name: '天津市示范职业技术学校', region: '120000', industry: 'P83', status: 'active', establishedOn: '1985-07-01' }],
  [DEMO.shop, { kind: 'enterprise', name: '淮北市相山区示范便利店', region: '340602', industry: 'F52', status: 'active', establishedOn: '2024-02-18' }],
];

const records: [string, RecordInput][] = [
  ['COURT', { subjectId: DEMO.defaulter, type: 'listing', listCode: 'COURT_DEFAULTER', documentNo: '(2025)京01执123号', decidedOn: '2025-06-01', title: '列入失信被执行人名单' }],
  // The legal representative is a court defaulter in person too: a natural person is public only through a public record.
  ['COURT', { subjectId: DEMO.defaulterPerson, type: 'listing', listCode: 'COURT_DEFAULTER', documentNo: '(2025)京01执124号', decidedOn: '2025-06-01', title: '列入失信被执行人名单' }],
  ['MARKET', { subjectId: DEMO.abnormal, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: '津宝市监异〔2026〕15号', decidedOn: '2026-03-02', title: '通过登记的住所无法联系，列入经营异常名录' }],
  ['MARKET', { subjectId: DEMO.abnormal, type: 'penalty', documentNo: '津宝市监罚〔2026〕88号', decidedOn: '2026-04-10', title: '未按规定公示年度报告', severity: 'general', fineAmount: 20000, legalBasis: '《企业信息公示暂行条例》第十八条', content: '罚款两万元' }],
  ['MARKET', { subjectId: DEMO.abnormal, type: 'penalty', documentNo: '津宝市监罚〔2026〕89号', decidedOn: '2026-05-10', title: '警告', severity: 'general', warningOnly: true, content: '警告' }],
  ['TAX', { subjectId: DEMO.honest, type: 'listing', listCode: 'TAX_A_GRADE', documentNo: '津税信〔2026〕A-001', decidedOn: '2026-04-01', title: '2025年度纳税信用A级纳税人', validUntil: '2027-04-01' }],
  ['MARKET', { subjectId: DEMO.honest, type: 'licence', documentNo: '津滨市监许〔2025〕301号', decidedOn: '2025-11-03', title: '食品生产许可证', validUntil: '2030-11-03' }],
  ['ECOLOGY', { subjectId: DEMO.huawei, type: 'licence', documentNo: '深环批〔2026〕12号', decidedOn: '2026-01-15', title: '排污许可证' }],
];

/** Loads demo entities and records through the same use cases the API uses; re-running adds nothing. */
export async function loadDemoData(): Promise<{ entities: number; records: number }> {
  const clock = now();
  const stamp = (department: string) => ({ sub: 'demo-loader', department, at: clock.at, requestId: 'demo-data' });
  for (const [id, input] of entities) await putEntity(id, await entityToChange(id, 'MARKET', true), input, stamp('MARKET'), clock.today);
  for (const [department, input] of records) await createRecord(input, stamp(department), clock.today);
  return { entities: entities.length, records: records.length };
}
