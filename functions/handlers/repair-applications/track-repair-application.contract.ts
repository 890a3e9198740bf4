import { z } from 'zod';
import { publicRepairApplicationSchema } from '#domain/repair-applications.ts';
import { defineContract } from '#http/contract.ts';
import { applicationIdParam } from './schemas.ts';

export const trackRepairApplicationContract = defineContract({
  method: 'GET',
  path: '/v1/public/repair-applications/{applicationId}',
  capability: 'reports',
  operationId: 'trackRepairApplication',
  summary: ['Follow a repair application by its tracking code', '查询信用修复申请进度'],
  description: 'No token; rate-limited per client. The application’s status and, once decided, the decision and its reason; never contact details. Any code other than its tracking code is 404, as an unknown id is.',
  tag: 'Reports',
  roles: 'public',
  rateLimited: true,
  params: z.object({ applicationId: applicationIdParam }),
  query: z.object({ code: applicationIdParam.describe('The tracking code given at filing') }),
  response: {
    schema: publicRepairApplicationSchema,
    name: 'RepairApplicationProgress',
    statuses: { 200: 'The application' },
    example: { applicationId: 'RAK7M3Q9X2PAHT4W8N6R', recordId: 'r3c0b1f7d9e2a4c6b8d0e1f2a3', status: 'open', filedAt: '2026-12-07T02:30:00.000Z', dueBy: '2026-12-14', commitmentCode: '12022420261207000001' },
  },
  errors: [400, 404, 429],
});
