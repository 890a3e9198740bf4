import { z } from 'zod';
import { entitySchema } from '#domain/entities.ts';
import { recordViewSchema } from '#domain/records.ts';

/**
 * What the service answers, as zod schemas: they document the contract in the OpenAPI
 * document and are not used to parse anything at run time. Objects are left open (no
 * `additionalProperties: false`) because the contract lets the service add fields; a field is required
 * here only when every code path that builds the answer sets it.
 */
const date = z.iso.date().describe('Calendar date YYYY-MM-DD in China Standard Time (UTC+8)');
const instant = z.iso.datetime().describe('ISO-8601 instant, UTC');
const count = z.number().int().min(0);
const ids = z.array(z.string());

export const problem = z
  .object({
    type: z.string().describe('Always "about:blank": the status and title say what happened'),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string().describe('The failing field, dotted; "(body)" for the body as a whole'), message: z.string() })),
    requestId: z.string().describe('Quote it when reporting a problem'),
  })
  .describe('An RFC 9457 problem (application/problem+json). 错误响应。');

export const health = z.object({ status: z.literal('ok') });

const subjectKind = z.enum(['enterprise', 'organization', 'person']);

export const entity = entitySchema;

export const entityView = entity
  .extend({
    riskClass: z.enum(['A', 'B', 'C', 'D']).describe('Credit risk class (DOMAIN.md §6)'),
    lists: ids.describe('Codes of the lists the subject is on now, sorted'),
  })
  .describe('An entity with its risk class and the lists it is on now.');

export const creditRecord = recordViewSchema;

export const recordList = z.object({ records: z.array(creditRecord).describe('Every record of the subject, newest decision first') });

