import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { cstDate } from '#domain/dates.ts';
import { dynamo, tableName } from '#data/client.ts';
import { keys } from '#data/keys.ts';
import { searchSubjects } from '#use-cases/public-lookup.ts';
import { benchEntity, ensureDataset } from './support/dataset.ts';
import { enterpriseCode, seededRandom } from './support/credit-data.ts';
import { measure } from './support/measure.ts';
import { figure, type Bench } from './support/types.ts';

const INDEXED = 100_000;

export const bench: Bench = {
  name: 'search',
  description: 'public name search: 2–4 character fragments over 100k indexed names, through the endpoint’s use case',
  async run(ctx) {
    await ensureDataset(ctx, { entities: INDEXED, recordsPerEntity: 3, indexed: INDEXED });
    const random = seededRandom(2024);
    const today = cstDate(new Date());
    // Fragments cut from real names: 2, 3 or 4 characters from a random position.
    const fragment = () => {
      const chars = [...benchEntity(1 + Math.floor(random() * INDEXED)).name];
      const length = 2 + Math.floor(random() * 3);
      const start = Math.floor(random() * (chars.length - length + 1));
      return chars.slice(start, start + length).join('');
    };
    const queries = Array.from({ length: 600 }, fragment);
    await measure(50, 1, (i) => searchSubjects(queries[i]!, undefined, today));
    const search = await measure(queries.length, 1, (i) => searchSubjects(queries[i]!, undefined, today));
    const get = await measure(600, 1, () => dynamo.send(new GetCommand({ TableName: tableName, Key: keys.profile(enterpriseCode(1 + Math.floor(random() * INDEXED))) })));
    ctx.log(`  search: p50 ${search.p50.toFixed(1)} ms p95 ${search.p95.toFixed(1)} ms; GetItem p95 ${get.p95.toFixed(2)} ms`);
    return [
      figure('search', search.p95, 'ms (p95)', get.p95, { note: `p50 ${search.p50.toFixed(1)} ms over ${queries.length} fragments of 2–4 characters; target p95 ≤ 50 ms; baseline GetItem p95` }),
      figure('search.p50', search.p50, 'ms', get.p50, { note: 'baseline GetItem p50' }),
    ];
  },
};
