import { z } from 'zod';
import { noticeViewSchema } from '#domain/notices.ts';
import { defineContract } from '#http/contract.ts';
import { pageQuery } from '#http/schemas.ts';

export const noticesPageSchema = z.object({
  notices: z.array(noticeViewSchema).describe('Newest first'),
  nextCursor: z.string().optional().describe('Present when more notices follow: pass it as ?cursor='),
});

export const listNoticesContract = defineContract({
  method: 'GET',
  path: '/v1/notices',
  capability: 'notices',
  operationId: 'listNotices',
  summary: ["Change notices for the caller's department", '信用变更推送'],
  description:
    "Checker only; the token's department's notices, newest first, paginated. A notice is written when the event is recorded, for every department that checked the subject in the previous 30 days, whenever one of the subject's listings (black or red) is created, ended, retracted, repaired, or has the dates that decide it corrected — and, for lists that reach the legal representative, for those that checked that person; for the approving department when a supervision finding concerns its approval; and for a list keeper asked to decide on a listing (reason referral). Nothing is written for a period that simply runs out. A retried request never writes a second notice.",
  tag: 'Checks',
  roles: ['checker'],
  query: pageQuery,
  response: {
    schema: noticesPageSchema,
    name: 'NoticesPage',
    statuses: { 200: 'A page of notices, newest first' },
    example: {
      notices: [
        {
          noticeId: '5d0c8e2a9b7f41c3a6e1d2f4',
          subjectId: '91120224064012553U',
          reason: '失信被执行人（COURT_DEFAULTER）列入：(2026)津01执1号',
          at: '2026-05-20T06:30:00.000Z',
          checkIds: ['0mp200mko9f31c5e7d2b4a6c8'],
          recordId: '8mb5degj77den57wr6d2hwrek1',
          listCode: 'COURT_DEFAULTER',
        },
      ],
      nextCursor: 'q3VtY2ZkN2Y0ZTk5YjJhMWM0ZDhlNmYw',
    },
  },
  errors: [400, 401, 403],
});
