import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../console/src/api.ts';
import { newSeed } from '../../console/src/parts/plan-form.ts';
import { localizeProblem, percent, sha256Hex } from '../../console/src/parts/plans.ts';
import { seedInText } from '../../console/src/screens/plan.ts';

/** The plan screens' pure helpers: the seed made in the browser, read back from its file, and its commitment. */
describe('the seed of a plan', () => {
  it('is 40 symbols of an unambiguous alphabet (200 bits) in groups of five, fresh each time', () => {
    const seeds = Array.from({ length: 200 }, newSeed);
    for (const seed of seeds) expect(seed).toMatch(/^[A-HJKMNP-Z2-9a]{5}(-[A-HJKMNP-Z2-9a]{5}){7}$/);
    expect(seeds[0]!.length).toBeGreaterThanOrEqual(32);
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  it('is read back from its seed file by its own line, not the commitment’s, or as the bare text', () => {
    const seed = newSeed();
    const sheet = ['抽查种子（请妥善保管）', '计划名称：示例', '种子承诺值（SHA-256）：ab12', `种子：${seed}`, ''].join('\n');
    expect(seedInText(sheet)).toBe(seed);
    expect(seedInText(`种子: ${seed}  \r\n`)).toBe(seed);
    expect(seedInText(`  ${seed}\n`)).toBe(seed);
  });

  it('is committed to by the lower-case hex SHA-256 of its UTF-8 text, as the service checks it', async () => {
    for (const text of [newSeed(), '抽查种子-中文-2026', 'public-lottery-seed-with-enough-length']) {
      await expect(sha256Hex(text)).resolves.toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});

describe('the plan screens’ wording', () => {
  it('places an error on one entry of a list on the list’s field, naming the entry sent', () => {
    const problem = new ApiProblem(400, '提交的内容有误，请按提示修改。', [
      { path: 'conflicts.1', message: 'must be a unified social credit code with a valid check character (a resident identity number is not accepted)' },
      { path: 'name', message: '必填' },
    ]);
    const localized = localizeProblem(problem, { 'must be a unified social credit code with a valid check character (a resident identity number is not accepted)': '须为统一社会信用代码' }, { conflicts: ['91120000MB0000700F', '11010519491231002X'] }) as ApiProblem;
    expect(localized.errors).toEqual([
      { path: 'conflicts', message: '第 2 项 11010519491231002X：须为统一社会信用代码' },
      { path: 'name', message: '必填' },
    ]);
    expect(localized.status).toBe(400);
  });

  it('shows ratios as percentages without float noise', () => {
    expect([0.03, 0.5, 0.2, 1, 0.0325, 0.0001].map(percent)).toEqual(['3%', '50%', '20%', '100%', '3.25%', '0.01%']);
  });
});
