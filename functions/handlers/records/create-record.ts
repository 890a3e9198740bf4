import { z } from 'zod';
import { requireRole } from '#http/auth.ts';
import { json, type ApiHandler } from '#http/handler.ts';
import { parseInput } from '#http/parse.ts';
import { codeField, documentNoText, freeText, isoDate, subjectIdField, text, titleText } from '#http/schemas.ts';
import { now } from '#domain/clock.ts';
import { createRecord } from '#use-cases/create-record.ts';
import { recordView } from './record-view.ts';

export const recordBody = z
  .object({
    subjectId: subjectIdField,
    type: z.enum(['licence', 'penalty', 'listing']),
    documentNo: documentNoText,
    decidedOn: isoDate,
    title: titleText,
    listCode: codeField.optional(),
    severity: z.enum(['minor', 'general', 'serious']).optional(),
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

export const createRecordHandler: ApiHandler = async (request) => {
  const caller = requireRole(request.caller, 'recorder');
  const body = parseInput(recordBody, request.body);
  const clock = now();
  const stamp = { sub: caller.sub, department: caller.dept, at: clock.at, requestId: request.requestId };
  const { created, record } = await createRecord(body, stamp, clock.today);
  return json(created ? 201 : 200, recordView(record, clock.today));
};
