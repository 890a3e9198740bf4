import { z } from 'zod';
import { publicObjectionSchema } from '#domain/objections.ts';
import { defineContract } from '#http/contract.ts';
import { objectionIdParam, trackingCodeQuery } from './schemas.ts';

export const trackObjectionContract = defineContract({
  method: 'GET',
  path: '/v1/public/objections/{objectionId}',
  capability: 'reports',
  operationId: 'trackObjection',
  summary: ['Follow an objection by its tracking code', '查询异议处理进度'],
  description: 'No token; rate-limited per client. The objection’s status and, once decided, the decision and its reason; never contact details. Any code other than its tracking code is 404, as an unknown id is.',
  tag: 'Reports',
  roles: 'public',
  rateLimited: true,
  params: z.object({ objectionId: objectionIdParam }),
  query: z.object({ code: trackingCodeQuery.describe('The tracking code given at filing') }),
  response: {
    schema: publicObjectionSchema,
    name: 'ObjectionProgress',
    statuses: { 200: 'The objection' },
    example: { objectionId: 'OBK7M3Q9X2PAHT4W8N6R', recordId: 'r3c0b1f7d9e2a4c6b8d0e1f2a3', status: 'decided', filedAt: '2026-12-07T02:30:00.000Z', dueBy: '2026-12-14', decision: 'retracted', note: '经核实，该处罚已被行政复议撤销，予以撤销公示。', decidedAt: '2026-12-09T06:00:00.000Z' },
  },
  errors: [400, 404, 429],
});
