import { createHash } from 'node:crypto';
import { z } from 'zod';
import supervision from '#catalogue/supervision.json' with { type: 'json' };
import type { AppliedMeasure, Verdict } from './checks.ts';
import { commitmentSchema, verificationOutcome } from './commitments.ts';
import { addDays, addWorkingDays, cstDate, type IsoDate, type WorkingCalendar } from './dates.ts';
import { calendarDate, instant } from './values.ts';

/**
 * Approval–supervision interaction (审管互动): a granted approval becomes a public licence record and a
 * supervision task for each supervising department; what supervision finds flows back. The approval
 * and the task aggregates, and their pure rules.
 */
export const APPROVAL_DECISIONS = ['granted', 'denied'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];
export const TASK_OUTCOMES = ['compliant', 'non-compliant'] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];
export const TASK_STATUSES = ['open', 'overdue', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const approvalDecision = z
  .enum(APPROVAL_DECISIONS)
  .describe('granted 准予许可: creates the licence record (双公示) and one supervision task per supervising department · denied 不予许可: recorded only, no licence and no task');
export const taskOutcome = z
  .enum(TASK_OUTCOMES)
  .describe('compliant 合规: supervision found nothing wrong · non-compliant 不合规: a finding, sent as a notice to the approving department');
export const taskStatusField = z
  .enum(TASK_STATUSES)
  .describe('open 待监管: not completed, dueOn not passed · overdue 已逾期: not completed and past dueOn (computed when read) · done 已完成: completed, see `completion`');

/** One approval per department and licence number: `ap` + 22 hex digits. */
export const approvalIdField = z.string().regex(/^ap[0-9a-f]{22}$/, 'is not an approval id');
/** One task per approval and supervising department: `tk` + 22 hex digits. */
export const taskIdField = z.string().regex(/^tk[0-9a-f]{22}$/, 'is not a task id');

const ids = z.array(z.string());

/** The approval aggregate: an approval result (审批结果) as the approving department recorded it. */
export const approvalSchema = z
  .object({
    approvalId: z.string(),
    department: z.string().describe('The approving department'),
    subjectId: z.string(),
    matter: z.string().describe('The matter (approval item, data/lists.json)'),
    licenceNo: z.string().describe('The licence (or decision) number; one approval per department and licenceNo'),
    title: z.string(),
    decidedOn: calendarDate,
    decision: approvalDecision,
    checkId: z.string().optional().describe('The credit check the approval relied on'),
    commitmentCode: z.string().optional().describe('The commitment the approval relied on'),
    supervisingDepartments: ids.describe('Granted: the departments that supervise it; denied: empty'),
    licenceRecordId: z.string().optional().describe('Granted: the licence record it created'),
    licencePublishBy: calendarDate.optional().describe('Granted: the last day the licence may reach the public (7 working days after the decision)'),
    licencePublishedAt: instant.optional().describe('Granted: when the licence record was written'),
    taskIds: ids.describe('The supervision tasks it created, one per supervising department'),
    createdAt: instant,
    createdBy: z.string(),
    requestId: z.string(),
  })
  .describe('An approval result (审批结果).');
export type Approval = z.infer<typeof approvalSchema>;

export const publicationSchema = z
  .object({
    publishBy: calendarDate,
    publishedOn: calendarDate.optional(),
    late: z.boolean().describe('Not published, or published after publishBy'),
  })
  .describe('Granted approvals: whether the licence reached the public in time (双公示)');
export type Publication = z.infer<typeof publicationSchema>;

/** An approval with whether its licence was published in time, as lists show it. */
export const approvalListedSchema = approvalSchema.extend({ publication: publicationSchema.optional() }).describe('An approval result with its publication (双公示).');

/** The commitment a task's approval relied on, copied into the task so supervision sees what was promised. */
export const taskCommitmentSchema = commitmentSchema.pick({ code: true, type: true, content: true, dueOn: true });

export const taskCompletionSchema = z.object({
  outcome: taskOutcome,
  findings: z.string(),
  commitmentOutcome: verificationOutcome.optional().describe('The linked commitment, verified by this completion'),
  noticeId: z.string().optional().describe('non-compliant: the notice sent to the approving department'),
  by: z.string(),
  at: instant,
  requestId: z.string(),
});
export type TaskCompletion = z.infer<typeof taskCompletionSchema>;

/** The task aggregate: one supervising department's supervision of one granted approval. */
export const supervisionTaskSchema = z.object({
  taskId: z.string(),
  approvalId: z.string(),
  subjectId: z.string(),
  matter: z.string(),
  licenceNo: z.string(),
  department: z.string().describe('The supervising department'),
  approvingDepartment: z.string(),
  dueOn: calendarDate,
  commitment: taskCommitmentSchema.optional(),
  createdAt: instant,
  completion: taskCompletionSchema.optional(),
});
export type SupervisionTask = z.infer<typeof supervisionTaskSchema>;

export const taskViewSchema = supervisionTaskSchema.extend({ status: taskStatusField }).describe('A supervision task (事中事后监管任务) with its status today.');
export type TaskView = z.infer<typeof taskViewSchema>;

/** An approval as its submission answers it: with the tasks it created, each with its department and due date. */
export const approvalReceiptSchema = approvalSchema
  .extend({ tasks: z.array(supervisionTaskSchema.pick({ taskId: true, department: true, dueOn: true })).describe('The supervision tasks it created, in the order of taskIds') })
  .describe('An approval result (审批结果) with the supervision tasks it created.');
export type ApprovalReceipt = z.infer<typeof approvalReceiptSchema>;

export const approvalReceipt = (approval: Approval, tasks: readonly SupervisionTask[]): ApprovalReceipt => ({
  ...approval,
  tasks: tasks.map(({ taskId, department, dueOn }) => ({ taskId, department, dueOn })),
});

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

/** One notice per non-compliant task: a retried completion rewrites the same one. */
export const findingNoticeId = (taskId: string) => digest(`${taskId}|non-compliant`).slice(0, 24);

export function taskStatus(task: { dueOn: IsoDate; completion?: unknown }, today: IsoDate): TaskStatus {
  if (task.completion) return 'done';
  return today > task.dueOn ? 'overdue' : 'open';
}

export const taskView = (task: SupervisionTask, today: IsoDate): TaskView => ({ ...task, status: taskStatus(task, today) });

/** Whether a completion repeats the stored one (200, nothing new) rather than contradicting it (409). */
export const sameCompletion = (stored: TaskCompletion, input: Pick<TaskCompletion, 'outcome' | 'findings' | 'commitmentOutcome'>) =>
  stored.outcome === input.outcome && stored.findings === input.findings && (stored.commitmentOutcome ?? null) === (input.commitmentOutcome ?? null);

/** Whether a granted licence reached the public within its 7 working days. */
export function publication(approval: Approval): Publication | undefined {
  if (approval.decision !== 'granted' || !approval.licencePublishBy) return undefined;
  const publishedOn = approval.licencePublishedAt ? cstDate(new Date(approval.licencePublishedAt)) : undefined;
  return { publishBy: approval.licencePublishBy, ...(publishedOn ? { publishedOn } : {}), late: !publishedOn || publishedOn > approval.licencePublishBy };
}

/** An approval as lists show it (approvalListedSchema). */
export function approvalListed(approval: Approval): z.infer<typeof approvalListedSchema> {
  const shown = publication(approval);
  return { ...approval, ...(shown ? { publication: shown } : {}) };
}

/** The notice a non-compliant finding sends to the approving department (its id and time are the completion's). */
export function findingNotice(task: SupervisionTask): { noticeId: string; department: string; subjectId: string; reason: string; at: string; approvalId: string } | undefined {
  const completion = task.completion;
  if (!completion?.noticeId) return undefined;
  return {
    noticeId: completion.noticeId,
    department: task.approvingDepartment,
    subjectId: task.subjectId,
    reason: `监管发现不合规（${task.department}，许可 ${task.licenceNo}）：${completion.findings}`,
    at: completion.at,
    approvalId: task.approvalId,
  };
}

// The trail shows the check it relied on as the check answered. (Spelled here until the check answer has its own schema.)
const appliedMeasure: z.ZodType<AppliedMeasure> = z.object({
  memorandum: z.string(),
  version: z.number().int(),
  measure: z.string(),
  kind: z.enum(['punish', 'reward']),
  force: z.enum(['mandatory', 'reference', 'market']),
  content: z.string(),
  legalBasis: z.string(),
  triggeredBy: ids,
});
const verdict: z.ZodType<Verdict> = z
  .enum(['restrict', 'caution', 'reward', 'clear'])
  .describe('restrict 限制: a mandatory punishment applies · caution 审慎: a black-list hit without a mandatory punishment for this department and matter · reward 激励: a red-list reward applies · clear 无记录: nothing applies');

/** What the trail shows of the check's answer. */
export const trailCheckAnswer = z.object({ checkedAt: instant, verdict, catalogueVersion: z.number().int().min(0), measures: z.array(appliedMeasure) });

export const approvalTrailSchema = approvalSchema
  .extend({
    publication: publicationSchema.optional(),
    check: trailCheckAnswer
      .extend({
        checkId: z.string(),
        feedback: z.array(
          z.object({
            measure: z.string().describe('"<memorandum>/<measure>"'),
            outcome: z.enum(['applied', 'not-applied']).describe('applied 已采取: the measure was applied · not-applied 未采取: it was not, with a note saying why'),
            note: z.string().optional(),
            by: z.string(),
            at: instant,
          }),
        ),
      })
      .optional()
      .describe('The credit check the approval relied on, with the feedback given on its measures'),
    tasks: z.array(taskViewSchema),
    notices: z
      .array(z.object({ noticeId: z.string(), department: z.string(), subjectId: z.string(), taskId: z.string(), at: instant, reason: z.string() }))
      .describe('The notices the tasks’ non-compliant findings sent to the approving department'),
  })
  .describe('An approval with the check it relied on, its tasks and their outcomes, and the notices sent.');
export type ApprovalTrail = z.infer<typeof approvalTrailSchema>;

type TrailCheck = NonNullable<ApprovalTrail['check']>;

/** The approval traced both ways, from what the store holds. */
export function approvalTrail(approval: Approval, check: { checkId: string; answer: unknown; feedback: TrailCheck['feedback'] } | undefined, tasks: readonly SupervisionTask[], today: IsoDate): ApprovalTrail {
  const shown = publication(approval);
  return {
    ...approval,
    ...(shown ? { publication: shown } : {}),
    ...(check ? { check: { checkId: check.checkId, ...trailCheckAnswer.parse(check.answer), feedback: check.feedback } } : {}),
    tasks: tasks.map((t) => taskView(t, today)),
    notices: tasks.flatMap((t) =>
      t.completion?.noticeId
        ? [{ noticeId: t.completion.noticeId, department: approval.department, subjectId: t.subjectId, taskId: t.taskId, at: t.completion.at, reason: `non-compliant: ${t.completion.findings}` }]
        : [],
    ),
  };
}
