import { evaluateMeasures, type Hit } from '#domain/checks.ts';
import { indexCatalogue, type Catalogue, type Memorandum } from '#domain/memoranda.ts';
import { departments, lists, matters } from '#domain/reference.ts';
import { findCheck } from '#data/checks.ts';
import { loadReferenceCatalogue } from '../functions/local/catalogue.ts';
import { runBatchCheck, runCheck } from '#use-cases/run-check.ts';
import { ensureDataset } from './support/dataset.ts';
import { seededRandom, enterpriseCode } from './support/credit-data.ts';
import { measure } from './support/measure.ts';
import { rawCheckPair } from './support/raw-pair.ts';
import { figure, type Bench } from './support/types.ts';

const ENTITIES = 100_000;
const CALLERS = 32;

/** A catalogue the size of Tianjin's: 45 memoranda integrated into 1,030 measures. */
function tianjinSizedCatalogue(): Catalogue {
  const random = seededRandom(1030);
  const pick = <T>(xs: readonly T[], n: number) => [...new Set(Array.from({ length: n }, () => xs[Math.floor(random() * xs.length)]!))];
  const memoranda: Memorandum[] = [];
  let remaining = 1030;
  for (let m = 0; m < 45; m++) {
    const count = m === 44 ? remaining : Math.min(remaining, 18 + Math.floor(random() * 10));
    remaining -= count;
    const list = lists[m % lists.length]!;
    memoranda.push({
      code: `M-${m}`,
      title: `备忘录${m}`,
      documentNo: null,
      issuedOn: '2018-01-01',
      leadDepartment: 'DRC',
      targetLists: [list.code],
      version: 1,
      measures: Array.from({ length: count }, (_, i) => ({
        code: String(i + 1),
        kind: list.kind === 'red' ? ('reward' as const) : ('punish' as const),
        force: (['mandatory', 'reference', 'market'] as const)[Math.floor(random() * 3)]!,
        departments: pick(departments.map((d) => d.code), 3),
        matters: pick(matters.map((x) => x.code), 2),
        content: '措施内容',
        legalBasis: '依据',
      })),
    });
  }
  return { version: 1, memoranda };
}

export const bench: Bench = {
  name: 'check',
  description: 'credit checks (single at 32 callers vs the raw Query + Put pair; batches of 100 vs single checks; the pure evaluation)',
  async run(ctx) {
    const dataset = await ensureDataset(ctx, { entities: ENTITIES, recordsPerEntity: 3, indexed: 0 });
    await loadReferenceCatalogue();
    const random = seededRandom(16);
    // 5% of the subjects asked about are unknown to the service.
    const subject = () => (random() < 0.05 ? enterpriseCode(ENTITIES + 1 + Math.floor(random() * 1e6)) : enterpriseCode(1 + Math.floor(random() * ENTITIES)));
    const caller = { sub: 'bench', department: 'APPROVAL', requestId: 'bench' };
    const check = () => runCheck({ subjectId: subject(), matter: 'COMMITMENT_APPROVAL' }, caller);
    // A listed subject's real log item is the raw Put's template, so both sides write the same bytes.
    const sample = await runCheck({ subjectId: enterpriseCode(1), matter: 'COMMITMENT_APPROVAL' }, caller);
    const pair = rawCheckPair((await findCheck(sample.checkId))!);
    const raw = () => pair(subject());

    ctx.log(`  check: warming up (${dataset.entities} entities, ${dataset.records} records)`);
    await measure(500, CALLERS, raw);
    await measure(500, CALLERS, check);
    const n = 4000;
    const raw1 = await measure(n, CALLERS, raw);
    const single = await measure(n, CALLERS, check);
    const raw2 = await measure(n, CALLERS, raw);
    const rawRate = (raw1.perSecond + raw2.perSecond) / 2;
    ctx.log(`  check: ${single.perSecond.toFixed(0)}/s p50 ${single.p50.toFixed(2)} ms p99 ${single.p99.toFixed(2)} ms; raw pair ${rawRate.toFixed(0)}/s`);

    const sequential = await measure(600, 1, check);
    const batches = await measure(12, 1, () => runBatchCheck('COMMITMENT_APPROVAL', Array.from({ length: 100 }, subject), caller));
    const batchSubjects = batches.perSecond * 100;

    const catalogue = indexCatalogue(tianjinSizedCatalogue());
    const hits: Hit[] = [
      { listCode: 'ABNORMAL_OPERATION', kind: 'black', recordId: 'r1', via: 'self', since: '2026-01-01' },
      { listCode: 'TAX_A_GRADE', kind: 'red', recordId: 'r2', via: 'self', since: '2026-01-01' },
    ];
    const rounds = 200_000;
    const depts = departments.map((d) => d.code);
    const ms = matters.map((m) => m.code);
    for (let i = 0; i < 20_000; i++) evaluateMeasures(hits, catalogue, depts[i % depts.length]!, ms[i % ms.length]!);
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) evaluateMeasures(hits, catalogue, depts[i % depts.length]!, ms[i % ms.length]!);
    const micros = ((performance.now() - t0) * 1000) / rounds;

    return [
      figure('check', single.perSecond, 'checks/s', rawRate, {
        target: { ratio: 0.8, better: 'higher' },
        note: `in-process, 32 callers; p50 ${single.p50.toFixed(2)} ms, p99 ${single.p99.toFixed(2)} ms; baseline: consistent listings Query + log Put, raw, 32 callers (p50 ${raw1.p50.toFixed(2)} ms)`,
      }),
      figure('check.p50', single.p50, 'ms', raw1.p50, { note: 'latency at 32 callers vs the raw pair' }),
      figure('check.p99', single.p99, 'ms', raw1.p99, { note: 'latency at 32 callers vs the raw pair' }),
      figure('check-batch', batchSubjects, 'subjects/s', sequential.perSecond, {
        target: { ratio: 4, better: 'higher' },
        note: 'one client: batches of 100 vs single checks one after another',
      }),
      figure('evaluate', micros, 'µs/check', null, { note: 'pure evaluation, catalogue of 1,030 measures, one black and one red hit' }),
    ];
  },
};
