import { z } from 'zod';
import { searchResultsSchema } from '#domain/search.ts';
import { defineContract } from '#http/contract.ts';

export const searchQuery = z.object({
  q: z
    .string({ error: 'is required' })
    .trim()
    .max(50, 'must be at most 50 characters')
    .refine((q) => [...q.replace(/\s+/g, '')].length >= 2, 'must be at least 2 characters, or a full code')
    .describe('A fragment of a name (at least 2 characters, spaces not counted), or a full unified social credit code / resident identity number'),
});

export const searchSubjectsContract = defineContract({
  method: 'GET',
  path: '/v1/public/search',
  capability: 'public',
  operationId: 'searchSubjects',
  summary: ['Find subjects by name or full code', '按名称或统一代码查询主体'],
  description:
    'No token; rate-limited per client (429 with Retry-After). An enterprise or organization is found by any fragment of its name or by its full code; a person only by the full identity number, only when they have a public record, and shown masked. At most 20 results.',
  tag: 'Public',
  roles: 'public',
  rateLimited: true,
  query: searchQuery,
  response: {
    schema: searchResultsSchema,
    name: 'SearchResults',
    statuses: { 200: 'The matches' },
    example: {
      results: [
        { id: '91120224064012553U', name: '天津宝坻示例商贸有限公司', kind: 'enterprise' },
        { id: '91120115MA0000031Q', name: '天津宝坻示例物流有限公司', kind: 'enterprise' },
      ],
    },
  },
  errors: [400, 429],
});
