import { z } from 'zod';
import { defineContract } from '#http/contract.ts';

export const healthContract = defineContract({
  method: 'GET',
  path: '/v1/health',
  capability: 'health',
  operationId: 'getHealth',
  summary: ['Service health', '服务健康检查'],
  description: 'Answers once the service is ready to answer.',
  tag: 'Health',
  roles: 'public',
  response: { schema: z.object({ status: z.literal('ok') }).strict(), name: 'Health', statuses: { 200: 'The service is up' }, example: { status: 'ok' } },
  errors: [],
});
