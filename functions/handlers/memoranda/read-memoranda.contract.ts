import { z } from 'zod';
import { memorandumListSchema, memorandumSchema } from '#domain/memoranda.ts';
import { defineContract } from '#http/contract.ts';
import { memorandumExample } from './examples.ts';

/** Any code may be asked for; one the catalogue does not hold (`constructor` included) is a 404. */
export const memorandumLookupParam = z.string().min(1, 'is required').max(64, 'must be at most 64 characters');

export const listMemorandaContract = defineContract({
  method: 'GET',
  path: '/v1/memoranda',
  capability: 'memoranda',
  operationId: 'listMemoranda',
  summary: ['Every memorandum of the current catalogue', '查询全部备忘录'],
  description: 'Any role. The whole catalogue, unpaginated, each memorandum at the version the current catalogue holds, with the catalogue version a check made now reports.',
  tag: 'Memoranda',
  roles: 'any',
  response: {
    schema: memorandumListSchema,
    name: 'MemorandumList',
    statuses: { 200: 'The memoranda' },
    example: { catalogueVersion: 14, memoranda: [memorandumExample] },
  },
  errors: [401, 403],
});

export const getMemorandumContract = defineContract({
  method: 'GET',
  path: '/v1/memoranda/{code}',
  capability: 'memoranda',
  operationId: 'getMemorandum',
  summary: ['One memorandum', '查询单个备忘录'],
  description: 'Any role. The memorandum at the version the current catalogue holds; a code the catalogue does not hold is 404.',
  tag: 'Memoranda',
  roles: 'any',
  params: z.object({ code: memorandumLookupParam }),
  response: { schema: memorandumSchema, name: 'Memorandum', statuses: { 200: 'The memorandum at its current version' }, example: memorandumExample },
  errors: [401, 403, 404],
});
