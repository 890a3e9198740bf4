import { z } from 'zod';
import { recordViewSchema, SEVERITIES } from '#domain/records.ts';
import { defineContract } from '#http/contract.ts';
import { codeField, documentNoText, freeText, isoDate, subjectIdField, text, titleText } from '#http/schemas.ts';
import { recordExample } from './examples.ts';

export const recordBody = z
  .object({
    subjectId: subjectIdField,
    type: z.enum(['licence', 'penalty', 'listing']),
    documentNo: documentNoText,
    decidedOn: isoDate,
    title: titleText,
    listCode: codeField.optional(),
    severity: z.enum(SEVERITIES).optional(),
    warningOnly: z.boolean().optional(),
    fineAmount: z.number().nonnegative('must not be negative').max(1e12).optional(),
    legalBasis: text(1000).optional(),
    content: freeText.optional(),
    publicUntil: isoDate.optional(),
    validUntil: isoDate.optional(),
  })
  .strict()
  .refine((b) => b.type !== 'listing' || b.listCode !== undefined, {
    path: ['listCode'],
    message: 'is required for a listing',
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });

export const createRecordContract = defineContract({
  method: 'POST',
  path: '/v1/records',
  capability: 'records',
  operationId: 'createRecord',
  summary: ['Enter a credit record', '录入信用记录'],
  description:
    "The department is the token's. The same department, subject and documentNo again: 200 with the same record if the content is the same, 409 otherwise. The subject must exist (422); listCode must be a known list that takes the subject's kind (422), and only the list's keeper may list on it (403). A penalty without severity is general; its publicUntil defaults to the decision date plus the severity's maximum period.",
  tag: 'Records',
  roles: ['recorder'],
  body: {
    schema: recordBody,
    name: 'RecordInput',
    description: "listCode is required for a listing; publicUntil may shorten a penalty's publicity period, never lengthen it (400).",
    example: {
      subjectId: '91120224064012553U',
      type: 'penalty',
      documentNo: '津宝市监罚〔2026〕88号',
      decidedOn: '2026-04-10',
      title: '未按规定公示年度报告',
      severity: 'general',
      fineAmount: 20000,
      legalBasis: '《企业信息公示暂行条例》第十八条',
      content: '罚款两万元',
    },
  },
  response: { schema: recordViewSchema, name: 'CreditRecord', statuses: { 201: 'Created', 200: 'The same request again: the record' }, example: recordExample },
  errors: [400, 401, 403, 409, 422],
});
