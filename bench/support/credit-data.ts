import { writeFile } from 'node:fs/promises';
import { addMonths } from '#domain/dates.ts';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { keys } from '#data/keys.ts';
import { entityFromItem } from '#data/subjects.ts';
import type { ImportStore } from '#use-cases/import/store.ts';

/**
 * Synthetic but realistic data for benches: enterprises with valid unified social credit codes in
 * Tianjin's districts, and 双公示 penalty rows as a market regulator exports them. Deterministic
 * (a seeded generator), so two runs import the same file.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const DISTRICTS = ['120101', '120102', '120103', '120104', '120105', '120106', '120110', '120111', '120112', '120113', '120114', '120115', '120116', '120117', '120118', '120119'];
const INDUSTRIES = ['C13', 'C34', 'C39', 'E47', 'F51', 'F52', 'H62', 'I65', 'L72', 'M74'];
const VIOLATIONS: [string, string, string][] = [
  ['未按规定公示年度报告', '《企业信息公示暂行条例》第十八条', '罚款'],
  ['销售不符合食品安全标准的食品', '《中华人民共和国食品安全法》第一百二十四条第一款', '没收违法所得、罚款'],
  ['虚假宣传', '《中华人民共和国反不正当竞争法》第二十条', '罚款'],
  ['未按规定办理变更登记', '《市场主体登记管理条例》第四十六条', '警告'],
  ['无证经营', '《无证无照经营查处办法》第十三条', '罚款'],
  ['价格违法行为', '《中华人民共和国价格法》第四十条', '警告；罚款'],
];

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The n-th enterprise code: 91 + district + "MA" + 7 characters from n + the check character. */
export function enterpriseCode(n: number): string {
  let body = '';
  for (let i = 0, v = n; i < 7; i++, v = Math.floor(v / 31)) body = CHARSET[v % 31] + body;
  const first17 = `91${DISTRICTS[n % DISTRICTS.length]}MA${body}`;
  return first17 + creditCodeCheckCharacter(first17)!;
}

export interface BenchSubject {
  id: string;
  name: string;
}

export function benchSubjects(count: number): BenchSubject[] {
  return Array.from({ length: count }, (_, n) => ({ id: enterpriseCode(n + 1), name: `天津市示范${n + 1}号商贸有限公司` }));
}

/**
 * Loads subjects' profiles directly in bulk (setup, not measured). The item is checked once through
 * entityFromItem, the data layer's own parser, so it cannot drift from what the service reads.
 */
export async function loadSubjects(store: ImportStore, subjects: readonly BenchSubject[], concurrency: number): Promise<void> {
  const at = '2026-01-01T00:00:00.000Z';
  const items = subjects.map((s, n) => ({
    ...keys.profile(s.id),
    itemType: 'entity',
    id: s.id,
    kind: 'enterprise',
    name: s.name,
    region: s.id.slice(2, 8),
    industry: INDUSTRIES[n % INDUSTRIES.length],
    status: 'active',
    establishedOn: `20${String(10 + (n % 15)).padStart(2, '0')}-0${1 + (n % 9)}-15`,
    createdAt: at,
    updatedAt: at,
    updatedBy: 'bench',
    updatedByDepartment: 'MARKET',
    requestId: 'bench',
    version: 1,
  }));
  if (items[0]) entityFromItem(items[0]);
  await writeThrough(store, items, concurrency);
}

/** Raw batches of 25 through an import store, `concurrency` in flight (the baseline's and the setup's writer). */
export async function writeThrough(store: ImportStore, items: readonly Record<string, unknown>[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const batch = items.slice(next, next + 25);
      next += 25;
      await store.writeItems(batch);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const HEADER = ['行政相对人名称', '行政相对人代码_1', '行政处罚决定书文号', '违法行为类型', '处罚依据', '处罚类别', '处罚内容', '罚款金额(万元)', '处罚决定日期', '公示截止期', '处罚机关'];

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A 双公示 penalty CSV of `rows` rows over the subjects, every row valid and for a distinct document. */
export async function writePenaltyCsv(path: string, subjects: readonly BenchSubject[], rows: number, seed = 42): Promise<void> {
  const random = seededRandom(seed);
  const lines = [`\uFEFF${HEADER.join(',')}`];
  for (let i = 0; i < rows; i++) {
    const subject = subjects[Math.floor(random() * subjects.length)]!;
    const [violation, basis, kind] = VIOLATIONS[Math.floor(random() * VIOLATIONS.length)]!;
    const day = Math.floor(random() * 300);
    const decided = new Date(Date.UTC(2025, 11, 1 + day)).toISOString().slice(0, 10);
    const warning = kind === '警告';
    const wan = warning ? '' : (Math.floor(random() * 50000) / 10000).toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
    // Amounts in yuan are written with thousands separators, so many content cells need quoting.
    const yuan = warning ? '' : (Number(wan) * 10000).toLocaleString('en', { maximumFractionDigits: 2 });
    const content = warning ? '警告' : `责令改正，罚款人民币${yuan}元，没收违法所得${Math.floor(random() * 900 + 100)}元`;
    const publicUntil = random() < 0.3 ? addMonths(decided, 6) : '';
    lines.push(
      [subject.name, subject.id, `津市监罚〔2026〕${i + 1}号`, violation, basis, kind, content, wan, decided.replace(/-/g, random() < 0.2 ? '/' : '-'), publicUntil, '天津市市场监督管理委员会']
        .map(quote)
        .join(','),
    );
  }
  await writeFile(path, `${lines.join('\r\n')}\r\n`);
}
