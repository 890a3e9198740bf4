import { createHash } from 'node:crypto';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import type { TestService } from '../support/service.ts';

export const code = (n: number) => {
  const first17 = `91120000MB${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
export const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

async function ok(promise: Promise<{ status: number; body: any }>, what: string) {
  const res = await promise;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A joint MARKET + ECOLOGY plan over HTTP, as planners would make it: 16 young enterprises (class B),
 * six inspectors (one with a conflict), a committed seed, and — unless `draw` is false — the draw.
 */
export async function makePlan(svc: TestService, options: { title: string; draw: boolean; offset: number }) {
  const recorder = await svc.token('MARKET', ['recorder']);
  const market = await svc.token('MARKET', ['planner']);
  const ecology = await svc.token('ECOLOGY', ['planner']);
  const ids = Array.from({ length: 16 }, (_, i) => code(options.offset + i));
  for (const [i, id] of ids.entries()) {
    await ok(
      svc.call('PUT', `/v1/entities/${id}`, {
        token: recorder,
        body: { kind: 'enterprise', name: `核验示例企业${options.offset + i}`, region: '120116', industry: i % 4 ? 'C13' : 'F51', status: 'active', establishedOn: '2025-06-01' },
      }),
      `entity ${id}`,
    );
  }
  const inspectors: [string, string, string[], string[]][] = [
    ['M01', 'MARKET', ['C', 'F'], [ids[2]!]],
    ['M02', 'MARKET', ['C13'], []],
    ['M03', 'MARKET', ['F51'], []],
    ['E01', 'ECOLOGY', ['C'], []],
    ['E02', 'ECOLOGY', ['C', 'F5'], []],
  ];
  for (const [id, dept, fields, conflicts] of inspectors) {
    await ok(
      svc.call('PUT', `/v1/inspectors/${id}`, { token: dept === 'MARKET' ? market : ecology, body: { name: `检查员${id}`, certificateNo: `CERT-${id}`, fields, conflicts } }),
      `inspector ${id}`,
    );
  }
  const seed = `public-lottery-${options.title}-2026-11-22`;
  const plan = await ok(
    svc.call('POST', '/v1/plans', {
      token: market,
      body: { title: options.title, departments: ['MARKET', 'ECOLOGY'], scope: { regionPrefix: '120116' }, ratios: { A: 0.03, B: 0.5, C: 0.2, D: 1 }, seedCommitment: sha256(seed) },
    }),
    'plan',
  );
  const draw = options.draw ? await ok(svc.call('POST', `/v1/plans/${plan.planId}/draw`, { token: market, body: { seed } }), 'draw') : undefined;
  return { planId: plan.planId as string, seed, ids, draw };
}
