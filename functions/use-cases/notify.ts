import { createHash } from 'node:crypto';
import { config } from '#config';
import type { CreditRecord, RecordEvent } from '#domain/records.ts';
import { findList } from '#domain/reference.ts';
import { recentCheckers } from '#data/checks.ts';
import { saveNotice } from '#data/notices.ts';
import { getEntity } from '#data/subjects.ts';
import { checkIdFloor } from '#domain/check-ids.ts';

const WORDS: Partial<Record<RecordEvent['action'], string>> = {
  created: '列入',
  ended: '移出（届满/终止）',
  retracted: '撤销',
  repaired: '信用修复',
  corrected: '更正',
};

/** The events of a listing that departments which checked the subject are told about. */
export function noticeEvents(record: CreditRecord): { index: number; event: RecordEvent }[] {
  return record.history.flatMap((event, index) => {
    if (!WORDS[event.action]) return [];
    // A correction matters to checkers only when it moves the dates that decide when the listing is in force.
    if (event.action === 'corrected' && !Object.keys(event.previous ?? {}).some((f) => f === 'decidedOn' || f === 'validUntil')) return [];
    return [{ index, event }];
  });
}

/**
 * Change notices (推送) for every notice-worthy event of a listing: each department that checked the
 * subject in the window before the event — and, for lists that reach the legal representative, each
 * that checked that person — gets one notice naming its checks. Ids derive from the event, so writing
 * them again (a retry, the sweep) rewrites a notice, never adds a second.
 */
export async function writeListingNotices(record: CreditRecord): Promise<void> {
  const list = findList(record.listCode ?? '');
  if (!list) return;
  const subjects = [record.subjectId];
  if (list.extendsTo.includes('legalRepresentative')) {
    const enterprise = await getEntity(record.subjectId);
    if (enterprise?.legalRepresentativeId) subjects.push(enterprise.legalRepresentativeId);
  }
  for (const { index, event } of noticeEvents(record)) {
    const at = Date.parse(event.at);
    const since = checkIdFloor(new Date(at - config.NOTICE_WINDOW_DAYS * 86_400_000));
    for (const subjectId of subjects) {
      const checkers = await recentCheckers(subjectId, since);
      for (const [department, checkIds] of checkers) {
        const noticeId = createHash('sha256').update(`${record.recordId}|${index}|${event.action}|${subjectId}|${department}`).digest('hex').slice(0, 24);
        const via = subjectId === record.subjectId ? '' : `（其担任法定代表人的企业 ${record.subjectId}）`;
        await saveNotice({
          noticeId,
          department,
          subjectId,
          reason: `${list.name}（${list.code}）${WORDS[event.action]}${via}：${record.documentNo}`,
          at: event.at,
          checkIds,
          recordId: record.recordId,
          listCode: list.code,
        });
      }
    }
  }
}
