import { z } from 'zod';
import { instant } from './values.ts';

/**
 * A change notice (推送) to one department: a subject it checked has changed since, or a finding
 * concerns its approval, or a list keeper is asked to decide on a listing. Notices are derived from an
 * event already stored; the id is a function of the event and the department, so writing one again
 * replaces it rather than adding a second.
 */
export const noticeSchema = z
  .object({
    noticeId: z.string(),
    department: z.string().describe('The department told'),
    subjectId: z.string().describe('The subject concerned'),
    reason: z
      .string()
      .describe(
        'What happened, in words: a listing of a subject the department checked in the previous 30 days was created, ended, repaired, retracted or corrected (list, event, document number); a supervision finding on the department’s approval; or "referral": an inspection result asks the list keeper to decide on an ABNORMAL_OPERATION listing',
      ),
    at: instant.describe('When the event happened'),
    checkIds: z.array(z.string()).describe('The department’s checks of the subject the event concerns (empty for a referral)'),
    recordId: z.string().optional().describe('The listing (or, for a referral, the inspection record) concerned'),
    listCode: z.string().optional(),
    approvalId: z.string().optional().describe('A supervision finding: the approval it concerns'),
  })
  .describe('A change notice (信用变更推送).');
export type Notice = z.infer<typeof noticeSchema>;

/** A notice as its department reads it: whom it was sent to goes without saying. */
export const noticeViewSchema = noticeSchema.omit({ department: true });
export type NoticeView = z.infer<typeof noticeViewSchema>;

export const noticeView = ({ department: _department, ...shown }: Notice): NoticeView => shown;
