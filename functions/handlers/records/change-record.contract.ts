import { z } from 'zod';
import { recordViewSchema, SEVERITIES } from '#domain/records.ts';
import { defineContract } from '#http/contract.ts';
import { isoDate, reason, text } from '#http/schemas.ts';
import { recordExample } from './examples.ts';

export const recordIdParam = z.string().regex(/^[0-9a-z]{26}$/, 'is not a record id');
const params = z.object({ recordId: recordIdParam });

export const retractBody = z.object({ reason }).strict();
export const endBody = z.object({ endedOn: isoDate, reason }).strict();
export const repairBody = z
  .object({
    reason,
    repairCommitment: z.literal(true, { error: 'must be true: repair needs the subject’s repair commitment' }),
    correctedOn: isoDate,
  })
  .strict();
export const correctBody = z
  .object({
    changes: z
      .object({
        title: text(200).optional(),
        content: text(4000).nullable().optional(),
        legalBasis: text(1000).nullable().optional(),
        fineAmount: z.number().nonnegative('must not be negative').max(1e12).nullable().optional(),
        severity: z.enum(SEVERITIES).optional(),
        warningOnly: z.boolean().nullable().optional(),
        decidedOn: isoDate.optional(),
        publicUntil: isoDate.nullable().optional(),
        validUntil: isoDate.nullable().optional(),
      })
      .strict()
      .refine((c) => Object.keys(c).length > 0, 'must name at least one field to correct'),
    reason,
  })
  .strict();

const OWN = 'Recorder of the department that made the record; another department 403 (decided before the body is read).';

export const retractRecordContract = defineContract({
  method: 'POST',
  path: '/v1/records/{recordId}/retract',
  capability: 'records',
  operationId: 'retractRecord',
  summary: ['Retract a record entered in error', '撤销信用记录'],
  description: `${OWN} A retracted record counts nowhere, not even for a past asOf; nothing is deleted, and its document number stays taken. The same reason again is 200; another 409.`,
  tag: 'Records',
  roles: ['recorder'],
  params,
  body: { schema: retractBody, name: 'RetractInput', example: { reason: '录入错误：主体代码有误' } },
  response: { schema: recordViewSchema, name: 'CreditRecord', statuses: { 200: 'The record, retracted' }, example: { ...recordExample, status: 'retracted' } },
  errors: [400, 401, 403, 404, 409],
});

export const endRecordContract = defineContract({
  method: 'POST',
  path: '/v1/records/{recordId}/end',
  capability: 'records',
  operationId: 'endRecord',
  summary: ['End a record', '终止信用记录'],
  description: `${OWN} endedOn is the first day the record no longer counts. A retracted record cannot be ended (409).`,
  tag: 'Records',
  roles: ['recorder'],
  params,
  body: { schema: endBody, name: 'EndInput', example: { endedOn: '2026-06-01', reason: '已履行法定义务，移出名单' } },
  response: { schema: recordViewSchema, name: 'CreditRecord', statuses: { 200: 'The record, ended' }, example: recordExample },
  errors: [400, 401, 403, 404, 409],
});

export const repairRecordContract = defineContract({
  method: 'POST',
  path: '/v1/records/{recordId}/repair',
  capability: 'records',
  operationId: 'repairRecord',
  summary: ['Repair a record (credit repair)', '信用修复'],
  description: `${OWN} 422 naming the rule before the record's minimum period has passed, and for listings ended by their keepers rather than repaired (COURT_DEFAULTER, MAJOR_TAX_VIOLATION). A repaired record stops counting in checks, classes and the public lookup at once.`,
  tag: 'Records',
  roles: ['recorder'],
  params,
  body: { schema: repairBody, name: 'RepairInput', example: { reason: '已纠正失信行为并作出信用修复承诺', repairCommitment: true, correctedOn: '2026-05-20' } },
  response: { schema: recordViewSchema, name: 'CreditRecord', statuses: { 200: 'The record, repaired' }, example: { ...recordExample, status: 'repaired' } },
  errors: [400, 401, 403, 404, 409, 422],
});

export const correctRecordContract = defineContract({
  method: 'POST',
  path: '/v1/records/{recordId}/correct',
  capability: 'records',
  operationId: 'correctRecord',
  summary: ['Correct a record', '更正信用记录'],
  description: `${OWN} Changes title, content, legalBasis, fineAmount, severity, warningOnly, decidedOn, publicUntil or validUntil within the rules of a new record (null removes an optional field; a null or defaulted publicUntil is recomputed). The record keeps its id; its history keeps each earlier value with who, when and why. documentNo, listCode, subjectId and type are not correctable. A retracted record is 409; a repeated correction changes nothing (200); a record is corrected at most 20 times (422).`,
  tag: 'Records',
  roles: ['recorder'],
  params,
  body: { schema: correctBody, name: 'CorrectionInput', example: { changes: { fineAmount: 2000 }, reason: '罚款金额录入错误' } },
  response: { schema: recordViewSchema, name: 'CreditRecord', statuses: { 200: 'The record, corrected' }, example: recordExample },
  errors: [400, 401, 403, 404, 409, 422],
});
