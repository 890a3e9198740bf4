import { noticeView, type NoticeView } from '#domain/notices.ts';
import { listNotices } from '#data/notices.ts';

/**
 * A page of the change notices sent to a department, newest first: a checker reads its own
 * department's only. Steps: one Query of the department's notices from the resume key → the views.
 */
export async function departmentNotices(
  department: string,
  limit: number,
  resumeKey: Record<string, unknown> | undefined,
): Promise<{ notices: NoticeView[]; next: Record<string, unknown> | undefined }> {
  const { notices, next } = await listNotices(department, limit, resumeKey);
  return { notices: notices.map(noticeView), next };
}
