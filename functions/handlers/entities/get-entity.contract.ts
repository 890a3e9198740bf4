import { z } from 'zod';
import { entitySchema } from '#domain/entities.ts';
import { RISK_CLASSES } from '#domain/risk-classes.ts';
import { defineContract } from '#http/contract.ts';
import { subjectIdField } from '#http/schemas.ts';
import { entityExample } from './put-entity.contract.ts';

export const entityViewSchema = entitySchema
  .extend({
    riskClass: z.enum(RISK_CLASSES).describe('Credit risk class, internal (A low, B general, C higher, D high risk)'),
    lists: z.array(z.string()).describe('Codes of the lists the subject is on now, sorted'),
  })
  .describe('An entity with its risk class and the lists it is on now.');

export const getEntityContract = defineContract({
  method: 'GET',
  path: '/v1/entities/{id}',
  capability: 'entities',
  operationId: 'getEntity',
  summary: ['An entity with its risk class and lists', '查询主体及其风险分类与名单'],
  description: 'Any role. The risk class is internal (not a public rating); `changes` lists every change of the entity’s fields.',
  tag: 'Entities',
  roles: 'any',
  params: z.object({ id: subjectIdField }),
  response: { schema: entityViewSchema, name: 'EntityView', statuses: { 200: 'The entity' }, example: { ...entityExample, riskClass: 'A', lists: [] } },
  errors: [401, 403, 404],
});
