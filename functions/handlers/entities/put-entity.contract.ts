import { z } from 'zod';
import { cstDate } from '#domain/dates.ts';
import { ENTITY_KINDS, ENTITY_STATUSES, entitySchema } from '#domain/entities.ts';
import { isResidentId } from '#domain/identifiers.ts';
import { defineContract } from '#http/contract.ts';
import { isoDate, subjectIdField, text } from '#http/schemas.ts';

export const entityBody = z
  .object({
    kind: z.enum(ENTITY_KINDS),
    name: text(200),
    region: z.string().regex(/^\d{6}$/, 'must be a 6-digit region code (GB/T 2260)'),
    industry: z.string().regex(/^[A-T](\d{2,4})?$/, 'must be a GB/T 4754 code such as C13 or I65').optional(),
    status: z.enum(ENTITY_STATUSES),
    establishedOn: isoDate.optional(),
    legalRepresentativeId: subjectIdField
      .refine((id) => isResidentId(id, cstDate(new Date())), 'must be a valid resident identity number')
      .optional(),
  })
  .refine((b) => b.kind === 'person' || b.industry !== undefined, {
    path: ['industry'],
    message: 'is required unless kind is person',
    // Report it together with the other field errors, not only once they are fixed.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });

const example = {
  id: '91120224064012553U',
  kind: 'enterprise',
  name: '天津宝坻示例商贸有限公司',
  region: '120115',
  industry: 'F51',
  status: 'active',
  establishedOn: '2013-04-08',
  legalRepresentativeId: '11010519491231002X',
  registeredBy: 'MARKET',
  createdAt: '2026-03-01T02:00:00.000Z',
  updatedAt: '2026-03-01T02:00:00.000Z',
  updatedBy: 'market-clerk-li',
  updatedByDepartment: 'MARKET',
  requestId: 'a3f1c2d4-0000-4000-8000-000000000001',
  version: 1,
  changes: [],
};

export const putEntityContract = defineContract({
  method: 'PUT',
  path: '/v1/entities/{id}',
  capability: 'entities',
  operationId: 'putEntity',
  summary: ['Register or update an entity', '登记或更新主体'],
  description:
    'The first PUT registers the entity for the token’s department (`registeredBy`); later changes only by that department or an admin (403 for any other, decided before the body is read), each kept in `changes`. A `provisional` entity (registered by an import from a record’s name and code) is completed only by the registration keeper (MARKET) or an admin, whose department becomes its `registeredBy`; the completing PUT is kept in `changes` like any other. The id is a unified social credit code (enterprise, organization) or a resident identity number (person); a wrong check character, or an id of the wrong kind, is a 400 naming `id`.',
  tag: 'Entities',
  roles: ['recorder', 'admin'],
  params: z.object({ id: subjectIdField }),
  body: {
    schema: entityBody,
    name: 'EntityInput',
    description: 'industry is required unless kind is person; legalRepresentativeId must be a valid resident identity number.',
    example: { kind: 'enterprise', name: '天津宝坻示例商贸有限公司', region: '120115', industry: 'F51', status: 'active', establishedOn: '2013-04-08', legalRepresentativeId: '11010519491231002X' },
  },
  response: { schema: entitySchema, name: 'Entity', statuses: { 201: 'Created', 200: 'Updated (or unchanged): the entity' }, example },
  errors: [400, 401, 403, 409, 422],
});

export const entityExample = example;
