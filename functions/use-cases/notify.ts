import { createHash } from 'node:crypto';
import { config } from '#config';
import type { CreditRecord, Stamp } from '#domain/records.ts';
import { findList } from '#domain/reference.ts';
import { recentCheckers } from '#data/checks.ts';
import { saveNotice } from '#data/notices.ts';
import { getEntity } from '#data/subjects.ts';
import { checkIdFloor } from './run-check.ts';

export type ListingEvent = 'listed' | 'ended' | 'retracted' | 'repaired';

const ACTION: Record<ListingEvent, string> = { listed: 'created', ended: 'ended', retracted: 'retracted', repaired: 'repaired' };
const WORDS: Record<ListingEvent, string> = { listed: '列入', ended: '移出（届满/终止）', retracted: '撤销', repaired: '信用修复' };

/** When the event happened, as stored in the record: a retried request finds the same instant. */
function eventTime(record: CreditRecord, event: ListingEvent): string {
  if (event === 'listed') return record.createdAt;
  return [...record.history].reverse().find((e) => e.action === ACTION[event])?.at ?? record.createdAt;
}

/**
 * Change notices (推送): every department that checked the subject in the window before the event —
 * and, for lists that reach the legal representative, every department that checked that person —
 * gets one notice naming its checks. Notice ids derive from the event, so a retry rewrites, never adds.
 */
export async function afterListingChange(record: CreditRecord, event: ListingEvent, _stamp: Stamp): Promise<void> {
  const list = findList(record.listCode ?? '');
  if (!list) return;
  const at = eventTime(record, event);
  const subjects = [record.subjectId];
  if (list.extendsTo.includes('legalRepresentative')) {
    const enterprise = await getEntity(record.subjectId);
    if (enterprise?.legalRepresentativeId) subjects.push(enterprise.legalRepresentativeId);
  }
  const since = checkIdFloor(new Date(Date.parse(at) - config.NOTICE_WINDOW_DAYS * 86_400_000));
  for (const subjectId of subjects) {
    const checkers = await recentCheckers(subjectId, since);
    for (const [department, checkIds] of checkers) {
      const noticeId = createHash('sha256').update(`${record.recordId}|${event}|${subjectId}|${department}`).digest('hex').slice(0, 24);
      const via = subjectId === record.subjectId ? '' : `（其担任法定代表人的企业 ${record.subjectId}）`;
      await saveNotice({
        noticeId,
        department,
        subjectId,
        reason: `${list.name}（${list.code}）${WORDS[event]}${via}：${record.documentNo}`,
        at,
        checkIds,
        recordId: record.recordId,
        listCode: list.code,
      });
    }
  }
}
