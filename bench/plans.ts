import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { resetFileStore } from '#data/files.ts';
import { dynamo } from '#data/client.ts';
import { putAll } from '#data/batch-write.ts';
import { keys, POPULATION_SHARDS } from '#data/keys.ts';
import { populationQuery } from '#data/population.ts';
import { documentSlot, isPending, planIdFor, type Plan, type PlanRequest } from '#domain/plans.ts';
import { publishPlanDocuments } from '#use-cases/plan-documents.ts';
import { createPlan, drawPlan, storedPlan } from '#use-cases/plans.ts';
import { putInspector } from '#use-cases/put-inspector.ts';
import { startLocalJobs } from '../functions/local/jobs.ts';
import { enterpriseCode } from './support/credit-data.ts';
import { ensureDataset } from './support/dataset.ts';
import { figure, type Bench, type BenchContext } from './support/types.ts';

/**
 * The city-scale freeze (issue 12): a table of 300k enterprises with their records and 500k check
 * logs on dynalite's on-disk store; a city-wide plan frozen by the job (its segments run by the local
 * job runner, `WORKERS` at a time, as SQS workers would) against a raw read of exactly the items the
 * freeze reads — the population index, shard by shard, the same number at a time, items only counted.
 */
// BENCH_PLAN_ENTITIES / BENCH_PLAN_CHECK_LOGS shrink the city for a quick look; the figures are for the defaults.
const ENTITIES = Number(process.env.BENCH_PLAN_ENTITIES ?? 300_000);
const CHECK_LOGS = Number(process.env.BENCH_PLAN_CHECK_LOGS ?? 500_000);
const WORKERS = 4;
/** One of the dataset's 16 districts (enterpriseCode spreads them evenly): 1/16 of the city. */
const DISTRICT = '120104';

/** The baseline: every index item in scope, the shards read WORKERS at a time, as the job's workers read them. */
async function rawIndexRead(regionPrefix = ''): Promise<{ seconds: number; items: number }> {
  const started = performance.now();
  let items = 0;
  let next = 0;
  const worker = async () => {
    while (next < POPULATION_SHARDS) {
      const shard = next++;
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(populationQuery(shard, regionPrefix, ExclusiveStartKey));
        items += page.Items?.length ?? 0;
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return { seconds: (performance.now() - started) / 1000, items };
}

/** Peak RSS above the level when it started, sampled while `work` runs. */
async function peakRssDuring<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: (peak - base) / (1024 * 1024) };
  } finally {
    clearInterval(timer);
  }
}

let checkLogsLoaded = 0;

/** Check logs in the subjects' partitions, shaped and sized as the service writes them; a freeze must never read them. */
async function ensureCheckLogs(ctx: BenchContext, count: number) {
  const started = Date.now();
  const answer = JSON.stringify({ verdict: 'clear', known: true, hits: [], measures: [], catalogueVersion: 1, asOf: '2026-06-01T00:00:00.000Z', note: '无联合惩戒措施'.repeat(8) });
  for (let from = checkLogsLoaded; from < count; from += 10_000) {
    const items: Record<string, unknown>[] = [];
    for (let n = from; n < Math.min(from + 10_000, count); n++) {
      const subjectId = enterpriseCode(1 + (n % ENTITIES));
      const checkId = `ck2026${String(n).padStart(12, '0')}`;
      items.push({
        ...keys.subjectCheck(subjectId, checkId),
        ...keys.checkLookup(checkId),
        itemType: 'check',
        checkId,
        subjectId,
        department: 'APPROVAL',
        sub: 'bench',
        requestId: `bench-${n}`,
        checkedAt: '2026-06-01T00:00:00.000Z',
        catalogueVersion: 1,
        requestJson: JSON.stringify({ subjectId, matter: 'GOVERNMENT_PROCUREMENT' }),
        answerJson: answer,
      });
    }
    await putAll(items, 8);
    checkLogsLoaded = from + items.length;
  }
  ctx.log(`  plans: ${checkLogsLoaded} check logs in the table (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

const request = (seed: string, scope: PlanRequest['scope']): PlanRequest => ({
  title: '基准测试计划',
  departments: ['MARKET', 'ECOLOGY'],
  scope,
  ratios: { A: 0.03, B: 0.05, C: 0.2, D: 1 },
  teamSize: 2,
  mode: 'routine',
  seedCommitment: createHash('sha256').update(seed).digest('hex'),
});

/**
 * Creates a plan and waits for its job: seconds from the request to the committed population. The
 * publication of its documents, a job of its own after the commit, is waited for but not counted.
 */
async function freeze(seed: string, scope: PlanRequest['scope'], jobs: { idle(): Promise<void> }): Promise<{ seconds: number; plan: Plan }> {
  const at = new Date().toISOString();
  const started = performance.now();
  await createPlan(request(seed, scope), { sub: 'bench', department: 'MARKET', at, requestId: `bench-${seed}` }, { at, today: at.slice(0, 10) });
  const planId = planIdFor(request(seed, scope).seedCommitment);
  let plan = await storedPlan(planId);
  while (isPending(plan) && plan.status === 'freezing') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    plan = await storedPlan(planId);
  }
  const seconds = (performance.now() - started) / 1000;
  await jobs.idle();
  if (isPending(plan)) throw new Error(`plan ${plan.planId} did not freeze: ${plan.status} ${plan.failure ?? ''}`);
  return { seconds, plan };
}

/** Publishes the plan's two documents into an empty folder: seconds, and bytes as JSON and as stored (gzipped). */
async function publishDocuments(plan: Plan, dir: string): Promise<{ seconds: number; public: { bytes: number; stored: number }; full: { bytes: number; stored: number } }> {
  process.env.FILES_DIR = dir;
  resetFileStore();
  const started = performance.now();
  await publishPlanDocuments(plan);
  const seconds = (performance.now() - started) / 1000;
  const noted = (await storedPlan(plan.planId)) as Plan;
  const sizeOf = async (area: string, sha256: string) => (await stat(join(dir, area, 'plans', plan.planId, `${sha256}.json.gz`))).size;
  const publicDoc = noted.documents![documentSlot(plan, 'public')]!;
  const fullDoc = noted.documents![documentSlot(plan, 'full')]!;
  return {
    seconds,
    public: { bytes: publicDoc.bytes, stored: await sizeOf('public', publicDoc.sha256) },
    full: { bytes: fullDoc.bytes, stored: await sizeOf('private', fullDoc.sha256) },
  };
}

export const bench: Bench = {
  name: 'plans',
  description: 'double-random plans over a city of 300k enterprises with 500k check logs (on disk): the freeze job city-wide and for one district, and the draw, vs a raw read of the population index',
  async run(ctx) {
    const loadStarted = Date.now();
    const dataset = await ensureDataset(ctx, { entities: ENTITIES, recordsPerEntity: 3, indexed: 0 });
    await ensureCheckLogs(ctx, CHECK_LOGS);
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    const at = new Date().toISOString();
    for (let i = 1; i <= 60; i++) {
      await putInspector(
        { id: `B${String(i).padStart(3, '0')}`, department: i % 2 ? 'MARKET' : 'ECOLOGY', name: `检查员${i}`, certificateNo: `C${i}`, fields: [['C', 'E', 'F', 'H', 'I', 'L', 'M'][i % 7]!], conflicts: [] },
        { sub: 'bench', at, requestId: 'bench' },
      );
    }
    process.env.FILES_DIR = join(ctx.tmpDir, 'plan-files');
    resetFileStore();
    const jobs = startLocalJobs({ concurrency: WORKERS, log: (line) => ctx.log(`  job: ${line}`) });
    try {
      ctx.log('  plans: raw read of the population index (baseline)');
      const raw1 = await rawIndexRead();
      const runId = Date.now();
      ctx.log('  plans: freezing the city (job)');
      const { result: city, peakMb } = await peakRssDuring(() => freeze(`bench-city-${runId}-public-lottery`, {}, jobs));
      const p = city.plan.population;
      ctx.log(`  plans: frozen ${JSON.stringify(p)} in ${city.seconds.toFixed(1)} s`);
      const raw2 = await rawIndexRead();
      const rawSeconds = (raw1.seconds + raw2.seconds) / 2;
      ctx.log('  plans: publishing the city plan\'s documents');
      const frozenDocuments = await publishDocuments(city.plan, join(ctx.tmpDir, `plan-documents-${runId}`));
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

      ctx.log(`  plans: freezing district ${DISTRICT} (job)`);
      const district = await freeze(`bench-district-${runId}-public-lottery`, { regionPrefix: DISTRICT }, jobs);
      const rawDistrict = await rawIndexRead(DISTRICT);

      const seed = `bench-city-${runId}-public-lottery`;
      const drawStarted = performance.now();
      const outcome = await drawPlan(city.plan.planId, seed, { sub: 'bench', department: 'ECOLOGY', at, requestId: 'bench-draw' });
      await jobs.idle();
      const drawSeconds = (performance.now() - drawStarted) / 1000;
      const drawn = await storedPlan(city.plan.planId);
      const sampleSize = 'draw' in outcome ? outcome.draw.sample.length : isPending(drawn) ? 0 : (drawn.sampleSize ?? 0);
      if (isPending(drawn)) throw new Error(`plan ${drawn.planId} is not frozen`);
      ctx.log('  plans: publishing the drawn city plan\'s documents');
      const documents = await publishDocuments(drawn, join(ctx.tmpDir, `plan-documents-drawn-${runId}`));
      const populated = p.A + p.B + p.C + p.D;
      const dp = district.plan.population;
      return [
        figure('plan-freeze', city.seconds, 's', rawSeconds, {
          target: { ratio: 1.5, better: 'lower' },
          note: `${populated + p.exempt} enterprises classified from ${raw1.items} index items (${dataset.entities} enterprises, ${dataset.records} records, ${checkLogsLoaded} check logs; loaded in ${loadSeconds.toFixed(0)} s); ${WORKERS} workers; baseline: the same index read raw`,
        }),
        figure('plan-freeze.scoped', district.seconds, 's', city.seconds, {
          target: { ratio: 0.15, better: 'lower' },
          note: `district ${DISTRICT}: ${dp.A + dp.B + dp.C + dp.D + dp.exempt} enterprises from ${rawDistrict.items} index items (1/16 of the city); baseline: the city-wide freeze`,
        }),
        figure('plan-freeze.rss', peakMb, 'MB', null, { note: 'peak RSS growth of the job runner while freezing the city (all segments and the commit in one process)' }),
        figure('plan-document', documents.seconds, 's', null, {
          note: `both documents of the drawn city-wide plan built from its items and written as files: public ${mb(documents.public.bytes)} MB (${mb(documents.public.stored)} MB gzipped), full ${mb(documents.full.bytes)} MB (${mb(documents.full.stored)} MB gzipped); frozen, before the draw: ${frozenDocuments.seconds.toFixed(1)} s, public ${frozenDocuments.public.bytes} bytes, full ${mb(frozenDocuments.full.bytes)} MB`,
        }),
        figure('plan-document.public', documents.public.bytes, 'bytes', null, { note: `the public document of the drawn city-wide plan; stored gzipped: ${documents.public.stored} bytes` }),
        figure('plan-document.full', documents.full.bytes, 'bytes', null, { note: `the full document of the drawn city-wide plan; stored gzipped: ${documents.full.stored} bytes` }),
        figure('draw', drawSeconds, 's', rawSeconds, {
          target: { ratio: 1.5, better: 'lower' },
          note: `sample of ${sampleSize} from ${populated} (a job), teams assigned; baseline the raw index read`,
        }),
      ];
    } finally {
      await jobs.stop();
    }
  },
};
