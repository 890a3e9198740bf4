import { createHash } from 'node:crypto';
import { dynamo } from '#data/client.ts';
import { populationScan } from '#data/population.ts';
import { createPlan, drawPlan } from '#use-cases/plans.ts';
import { putInspector } from '#use-cases/put-inspector.ts';
import { ensureDataset } from './support/dataset.ts';
import { figure, type Bench } from './support/types.ts';

const ENTITIES = 200_000;
const SEGMENTS = 4;

/** The baseline: the same parallel Scan the population stream issues, items only counted. */
async function rawScan(): Promise<{ seconds: number; items: number }> {
  const started = performance.now();
  let items = 0;
  await Promise.all(
    Array.from({ length: SEGMENTS }, async (_, segment) => {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(populationScan(segment, SEGMENTS, ExclusiveStartKey));
        items += page.Items?.length ?? 0;
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }),
  );
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

export const bench: Bench = {
  name: 'plans',
  description: 'double-random plans over a district of 200k enterprises: freezing the population and drawing, vs a raw parallel Scan',
  async run(ctx) {
    await ensureDataset(ctx, { entities: ENTITIES, recordsPerEntity: 3, indexed: 0 });
    const at = new Date().toISOString();
    for (let i = 1; i <= 60; i++) {
      await putInspector(
        { id: `B${String(i).padStart(3, '0')}`, department: i % 2 ? 'MARKET' : 'ECOLOGY', name: `检查员${i}`, certificateNo: `C${i}`, fields: [['C', 'E', 'F', 'H', 'I', 'L', 'M'][i % 7]!], conflicts: [] },
        { sub: 'bench', at, requestId: 'bench' },
      );
    }
    ctx.log('  plans: raw parallel Scan (baseline)');
    const scan1 = await rawScan();
    const seed = `bench-seed-${Date.now()}-public-lottery`;
    const stamp = { sub: 'bench', department: 'MARKET', at, requestId: 'bench' };
    const now = { at, today: at.slice(0, 10) };
    ctx.log('  plans: freezing the population');
    const t0 = performance.now();
    const { plan } = await createPlan(
      {
        title: '基准测试计划',
        departments: ['MARKET', 'ECOLOGY'],
        scope: {},
        ratios: { A: 0.03, B: 0.05, C: 0.2, D: 1 },
        teamSize: 2,
        mode: 'routine',
        seedCommitment: createHash('sha256').update(seed).digest('hex'),
      },
      stamp,
      now,
    );
    const freezeSeconds = (performance.now() - t0) / 1000;
    ctx.log(`  plans: frozen ${JSON.stringify(plan.population)} in ${freezeSeconds.toFixed(1)} s`);
    const scan2 = await rawScan();
    const scanSeconds = (scan1.seconds + scan2.seconds) / 2;
    const t1 = performance.now();
    const { result: draw, peakMb } = await peakRssDuring(() => drawPlan(plan.planId, seed, { ...stamp, department: 'ECOLOGY' }));
    const drawSeconds = (performance.now() - t1) / 1000;
    const populated = plan.population.A + plan.population.B + plan.population.C + plan.population.D;
    return [
      figure('plan-freeze', freezeSeconds, 's', scanSeconds, {
        target: { ratio: 1.5, better: 'lower' },
        note: `${populated + plan.population.exempt} enterprises classified (${scan1.items} items scanned); baseline raw parallel Scan s`,
      }),
      figure('draw', drawSeconds, 's', scanSeconds, {
        target: { ratio: 1.5, better: 'lower' },
        note: `sample of ${draw.sample.length} from ${populated}, teams assigned; baseline the same Scan`,
      }),
      figure('draw.memory', peakMb, 'MB', null, { note: 'peak RSS growth while drawing' }),
    ];
  },
};
