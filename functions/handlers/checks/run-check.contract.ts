import { z } from 'zod';
import { now } from '#domain/clock.ts';
import { checkAnswerSchema } from '#domain/checks.ts';
import { defineContract } from '#http/contract.ts';
import { matterField, validSubjectId } from '#http/schemas.ts';
import { checkAnswerExample } from './examples.ts';

export const checkBody = z
  .object({
    subjectId: validSubjectId,
    matter: matterField,
    asOf: z.iso
      .datetime({ offset: true, message: 'must be an ISO-8601 instant' })
      .transform((s) => new Date(s).toISOString())
      .refine((s) => Date.parse(s) <= Date.parse(now().at) + 60_000, 'must not be in the future')
      .optional()
      .describe('Evaluate the memberships in force at this instant (default now); not in the future'),
  })
  .strict();

export const batchBody = z
  .object({
    matter: matterField,
    subjectIds: z.array(validSubjectId).min(1, 'must hold at least one id').max(100, 'must hold at most 100 ids'),
  })
  .strict();

export const batchCheckAnswerSchema = z.object({ results: z.array(checkAnswerSchema).describe('One answer per subject id, in the order given, each logged with its own checkId') });

/** What every check answer means: the integrator's reading of hits, measures and the verdict. */
const MEANING =
  'hits: every list membership of the subject in force at asOf (default now) and, for a person, those of each enterprise they legally represent on lists that extend to the legal representative (via legalRepresentative). measures: the measures of every memorandum that targets a hit list whose departments include the caller’s department and whose matters include `matter`; any black hit suppresses every reward (一处失信，处处受限). verdict, the first that applies: restrict 限制 (a mandatory punishment applies: restrict or refuse), caution 审慎 (a black hit but no mandatory punishment for this department and matter: weigh the reference measures), reward 激励 (reward measures apply and nothing is black), clear 无记录 (nothing applies). An unknown subject is not an error: known false, verdict clear. Each measure is named in feedback as "<memorandum>/<measure>" (POST /v1/checks/{checkId}/feedback). The answer reports the catalogue version that decided it and is logged before it is given.';

export const runCheckContract = defineContract({
  method: 'POST',
  path: '/v1/checks',
  capability: 'checks',
  operationId: 'runCheck',
  summary: ['Credit check of a subject for a matter', '联合奖惩核查'],
  description: `Checker only; the checking department is the token's. ${MEANING}`,
  tag: 'Checks',
  roles: ['checker'],
  body: {
    schema: checkBody,
    name: 'CheckInput',
    description: 'subjectId must carry a valid check character; matter must be a known matter code; asOf must not be in the future.',
    example: { subjectId: '91120224064012553U', matter: 'COMMITMENT_APPROVAL' },
  },
  response: { schema: checkAnswerSchema, name: 'CheckAnswer', statuses: { 200: 'The hits, measures and verdict' }, example: checkAnswerExample },
  errors: [400, 401, 403],
});

export const runBatchCheckContract = defineContract({
  method: 'POST',
  path: '/v1/checks/batch',
  capability: 'checks',
  operationId: 'runBatchCheck',
  summary: ['Credit checks of up to 100 subjects', '批量联合奖惩核查'],
  description: `Checker only. 1 to 100 subject ids, one matter, all checked against one catalogue version; each answer is shaped, logged and read as a single check's. ${MEANING}`,
  tag: 'Checks',
  roles: ['checker'],
  body: {
    schema: batchBody,
    name: 'BatchCheckInput',
    description: '1–100 subject ids, each with a valid check character; an id may repeat (each gets its own check).',
    example: { matter: 'COMMITMENT_APPROVAL', subjectIds: ['91120224064012553U', '91120000MA05K8WQ2D'] },
  },
  response: {
    schema: batchCheckAnswerSchema,
    name: 'BatchCheckAnswer',
    statuses: { 200: 'One answer per subject, in the order given' },
    example: { results: [checkAnswerExample] },
  },
  errors: [400, 401, 403],
});
