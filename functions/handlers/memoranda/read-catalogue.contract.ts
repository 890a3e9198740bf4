import { z } from 'zod';
import { defineContract } from '#http/contract.ts';

const named = z.object({ code: z.string(), name: z.string().describe('The Chinese name') });

export const catalogueSchema = z
  .object({
    lists: z
      .array(
        named.extend({
          kind: z.enum(['black', 'red']).describe('black 失信名单 (punishments follow) · red 守信名单 (rewards follow)'),
          severity: z.enum(['general', 'serious']).nullable().describe('The record severity a membership implies (black lists); null for red lists'),
          keeper: z.string().nullable().describe('The only department that may list on it; null: open to every department'),
          subjects: z.array(z.enum(['enterprise', 'organization', 'person'])).describe('Which kinds of subject it may list'),
          extendsTo: z.array(z.string()).describe('Related persons its measures also reach (legalRepresentative)'),
        }),
      )
      .describe('The named credit lists (名单)'),
    departments: z.array(named).describe('The departments (部门)'),
    matters: z.array(named).describe('The matters a check is made for (事项)'),
  })
  .describe('The reference catalogue with its Chinese names (data/lists.json).');

export const readCatalogueContract = defineContract({
  method: 'GET',
  path: '/v1/catalogue',
  capability: 'memoranda',
  operationId: 'readCatalogue',
  summary: ['Lists, departments and matters with their Chinese names', '名单、部门与事项目录'],
  description: 'Any role. The reference catalogue the service decides with — every list with its kind, severity, keeper and the subjects it may list, every department and every matter — whole, with the Chinese names.',
  tag: 'Memoranda',
  roles: 'any',
  response: {
    schema: catalogueSchema,
    name: 'Catalogue',
    statuses: { 200: 'The catalogue' },
    example: {
      lists: [{ code: 'COURT_DEFAULTER', name: '失信被执行人', kind: 'black', severity: 'serious', keeper: 'COURT', subjects: ['enterprise', 'person', 'organization'], extendsTo: ['legalRepresentative'] }],
      departments: [{ code: 'DRC', name: '发展和改革委员会（信用主管）' }],
      matters: [{ code: 'PROCUREMENT', name: '政府采购' }],
    },
  },
  errors: [401, 403],
});
