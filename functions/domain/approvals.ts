import { createHash } from 'node:crypto';
import supervision from '#catalogue/supervision.json' with { type: 'json' };
import { addDays, addWorkingDays, type IsoDate, type WorkingCalendar } from './dates.ts';

/**
 * Approval–supervision interaction (审管互动): a granted approval becomes a public licence record and a
 * supervision task for each supervising department; what supervision finds flows back. Pure rules.
 */
interface MatterSupervision {
  supervisors: string[];
  taskDueDays?: number;
}

const matters = new Map(Object.entries(supervision.matters as Record<string, MatterSupervision>));

/** The departments that supervise a matter by default (data/supervision.json). */
export const defaultSupervisors = (matter: string): string[] => matters.get(matter)?.supervisors ?? [];

/** A task is due a configured number of days after the approval (default 30). */
export function taskDueOn(matter: string, decidedOn: IsoDate): IsoDate {
  return addDays(decidedOn, matters.get(matter)?.taskDueDays ?? supervision.defaultTaskDueDays);
}

/** 双公示: a licence must be public within 7 working days of the decision. */
export const licencePublishBy = (decidedOn: IsoDate, calendar: WorkingCalendar): IsoDate =>
  addWorkingDays(decidedOn, supervision.licencePublicationWorkingDays, calendar);

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** One approval per department and licence number: a re-submission finds it. */
export const approvalIdFor = (department: string, licenceNo: string) => `ap${digest(`${department}\n${licenceNo}`).slice(0, 22)}`;

/** One task per approval and supervising department. */
export const taskIdFor = (approvalId: string, department: string) => `tk${digest(`${approvalId}\n${department}`).slice(0, 22)}`;

export type TaskStatus = 'open' | 'overdue' | 'done';

export function taskStatus(task: { dueOn: IsoDate; completion?: unknown }, today: IsoDate): TaskStatus {
  if (task.completion) return 'done';
  return today > task.dueOn ? 'overdue' : 'open';
}
