import { z } from 'zod';
import { inspectorSchema } from '#domain/inspectors.ts';
import { defineContract } from '#http/contract.ts';
import { pageQuery } from '#http/schemas.ts';

export const inspectorsPageSchema = z.object({
  inspectors: z.array(inspectorSchema).describe('By id'),
  nextCursor: z.string().optional().describe('Present when more inspectors follow: pass it as ?cursor='),
});

export const listInspectorsContract = defineContract({
  method: 'GET',
  path: '/v1/inspectors',
  capability: 'inspectors',
  operationId: 'listInspectors',
  summary: ["The caller's department's inspector library", '本部门执法检查人员名录库'],
  description: "Planner; the inspectors of the token's department, by id, with their fields and conflicts, as PUT /v1/inspectors/{id} stored them. Paginated.",
  tag: 'Inspections',
  roles: ['planner'],
  query: pageQuery,
  response: {
    schema: inspectorsPageSchema,
    name: 'InspectorsPage',
    statuses: { 200: 'A page of inspectors' },
    example: {
      inspectors: [
        {
          id: 'mkt-zhang-01',
          department: 'MARKET',
          name: '张建国',
          certificateNo: '津市监执字120115001号',
          fields: ['C13', 'F5'],
          conflicts: ['91120224064012553U'],
          updatedAt: '2026-03-02T01:30:00.000Z',
          updatedBy: 'market-planner-wang',
          requestId: 'a3f1c2d4-0000-4000-8000-000000000010',
        },
      ],
      nextCursor: 'v8Qm2Lx5Tb9kRz3cWn7pHd1sYf4gJa6eUo0iCt2rBw',
    },
  },
  errors: [400, 401, 403],
});
