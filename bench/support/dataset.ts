import type { Entity } from '#domain/entities.ts';
import { buildRecord, type RecordInput } from '#domain/records.ts';
import { tableName } from '#data/client.ts';
import { putAll } from '#data/batch-write.ts';
import { recordToItem } from '#data/records.ts';
import { nameIndexItems } from '#data/search.ts';
import { entityToItem } from '#data/subjects.ts';
import { ensureTable } from '../../functions/local/bootstrap.ts';
import type { BenchContext } from './types.ts';
import { enterpriseCode, seededRandom } from './credit-data.ts';

/**
 * The shared bench dataset in the service's own table (TABLE_NAME), loaded once per run and grown as
 * benches need: enterprises with realistic Chinese names and a spread of risk classes, their records,
 * and the name index. Items are built by the service's own builders (setup, not measured).
 */
const DISTRICT_NAMES: Record<string, string> = {
  '120101': '和平', '120102': '河东', '120103': '河西', '120104': '南开', '120105': '河北', '120106': '红桥', '120110': '东丽', '120111': '西青',
  '120112': '津南', '120113': '北辰', '120114': '武清', '120115': '宝坻', '120116': '滨海', '120117': '宁河', '120118': '静海', '120119': '蓟州',
};
const BRANDS = ['宏达', '鑫源', '恒通', '华信', '金桥', '瑞丰', '海河', '津港', '博远', '新特', '众诚', '德润', '嘉禾', '天宇', '中联', '泰和', '永盛', '丰泽', '光明', '盛世',
  '长城', '东方', '北洋', '渤海', '联创', '汇通', '安泰', '隆基', '凯越', '启航', '晨光', '锦绣', '科达', '信达', '万通', '九州', '星河', '鸿运', '和信', '同创'];
const TRADES = ['科技', '贸易', '建设工程', '餐饮管理', '物流', '电子', '机械制造', '食品', '医药', '文化传媒', '环保', '新能源', '信息技术', '商贸', '装饰工程', '物业管理'];
const SUFFIXES = ['有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];
const INDUSTRIES = ['C13', 'C34', 'C39', 'E47', 'F51', 'F52', 'H62', 'I65', 'L72', 'M74'];

export function benchEntity(n: number): Entity {
  const random = seededRandom(n * 7919);
  const id = enterpriseCode(n);
  const district = id.slice(2, 8);
  const name = `天津${DISTRICT_NAMES[district] ?? ''}${BRANDS[Math.floor(random() * BRANDS.length)]}${BRANDS[Math.floor(random() * BRANDS.length)]}${TRADES[Math.floor(random() * TRADES.length)]}${SUFFIXES[Math.floor(random() * SUFFIXES.length)]}`;
  const year = 2005 + Math.floor(random() * 21);
  return {
    id,
    kind: 'enterprise',
    name,
    region: district,
    industry: INDUSTRIES[Math.floor(random() * INDUSTRIES.length)]!,
    status: random() < 0.97 ? 'active' : 'revoked',
    establishedOn: `${year}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'bench',
    updatedByDepartment: 'MARKET',
    requestId: 'bench',
    version: 1,
    registeredBy: 'MARKET',
    changes: [],
  };
}

const LISTINGS: [number, string, string][] = [
  // cumulative share of entities, list, keeper
  [0.01, 'COURT_DEFAULTER', 'COURT'],
  [0.02, 'SAMR_SERIOUS_VIOLATION', 'MARKET'],
  [0.06, 'ABNORMAL_OPERATION', 'MARKET'],
  [0.09, 'TAX_A_GRADE', 'TAX'],
];

/** `perEntity` records on average: penalties of several severities, and listings for a class spread. */
export function benchRecords(entity: Entity, n: number, perEntity: number): Record<string, unknown>[] {
  const random = seededRandom(n * 104729 + 1);
  const items: Record<string, unknown>[] = [];
  const add = (department: string, input: RecordInput) => {
    // Loaded as settled facts: no notices are pending for them.
    const { GSI2PK: _pk, GSI2SK: _sk, ...item } = recordToItem(buildRecord(input, 'enterprise', { sub: 'bench', department, at: '2026-06-01T00:00:00.000Z', requestId: 'bench' }), entity);
    items.push(item);
  };
  const roll = random();
  const listing = LISTINGS.find(([share]) => roll < share);
  if (listing) add(listing[2], { subjectId: entity.id, type: 'listing', listCode: listing[1], documentNo: `L-${n}`, decidedOn: '2026-02-01', title: '名单' });
  const penalties = Math.max(0, Math.round(perEntity - (listing ? 1 : 0) + (random() - 0.5) * 2 * perEntity));
  for (let i = 0; i < penalties; i++) {
    const severity = random() < 0.1 ? 'serious' : random() < 0.2 ? 'minor' : 'general';
    add('MARKET', {
      subjectId: entity.id,
      type: 'penalty',
      documentNo: `P-${n}-${i}`,
      decidedOn: `2026-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      title: '违法行为',
      severity,
      fineAmount: Math.floor(random() * 60_000),
    });
  }
  return items;
}

let loaded = 0;
let indexedUpTo = 0;
let recordsLoaded = 0;

/**
 * Ensures the first `entities` enterprises exist with their records (about `recordsPerEntity` each),
 * and the name index for the first `indexed` of them; each bench asks only for what it measures.
 */
export async function ensureDataset(ctx: BenchContext, options: { entities: number; recordsPerEntity: number; indexed: number }) {
  if (loaded === 0 && indexedUpTo === 0) await ensureTable(ctx.endpoint, tableName, process.env.AWS_REGION ?? 'cn-north-1');
  const started = Date.now();
  const chunk = 10_000;
  const target = Math.max(options.entities, options.indexed);
  for (let from = 1; from <= target; from += chunk) {
    const to = Math.min(from + chunk - 1, target);
    const needsEntities = to > loaded;
    const needsIndex = from <= options.indexed && to > indexedUpTo;
    if (!needsEntities && !needsIndex) continue;
    const items: Record<string, unknown>[] = [];
    for (let n = from; n <= to; n++) {
      const entity = benchEntity(n);
      if (n > loaded) {
        const records = benchRecords(entity, n, options.recordsPerEntity);
        items.push(entityToItem(entity, false));
        recordsLoaded += records.length;
        items.push(...records);
      }
      if (n > indexedUpTo && n <= options.indexed) items.push(...nameIndexItems(entity));
    }
    if (items.length === 0) continue;
    await putAll(items, 8);
    ctx.log(`  dataset: ${Math.max(loaded, to)} enterprises, ${recordsLoaded} records, name index ${Math.max(indexedUpTo, Math.min(to, options.indexed))}`);
  }
  loaded = Math.max(loaded, target);
  indexedUpTo = Math.max(indexedUpTo, options.indexed);
  ctx.log(`  dataset ready: ${loaded} enterprises, ${recordsLoaded} records, ${indexedUpTo} names indexed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  return { entities: loaded, records: recordsLoaded };
}
