import { workingCalendar } from '#config';
import type { Now } from '#domain/clock.ts';
import {
  approvalIdFor,
  approvalListed,
  approvalReceipt,
  approvalTrail as traceApproval,
  defaultSupervisors,
  findingNotice,
  findingNoticeId,
  licencePublishBy,
  sameCompletion,
  taskDueOn,
  taskIdFor,
  taskView,
  type Approval,
  type ApprovalDecision,
  type SupervisionTask,
  type TaskOutcome,
  type TaskStatus,
} from '#domain/approvals.ts';
import type { VerificationOutcome } from '#domain/commitments.ts';
import { ConflictError, ForbiddenError, InadmissibleError, NotFoundError, ValidationError } from '#domain/errors.ts';
import { isKnownDepartment } from '#domain/reference.ts';
import type { Stamp } from '#domain/records.ts';
import { completeTask, getApproval, getTask, getTasks, listApprovals, listTasks, saveApproval, saveTask } from '#data/approvals.ts';
import { findCheck, listFeedback } from '#data/checks.ts';
import { saveNotice } from '#data/notices.ts';
import { getEntity } from '#data/subjects.ts';
import { commitmentByCode, verifyCommitment } from './commitments.ts';
import { createRecord } from './create-record.ts';

export interface ApprovalInput {
  subjectId: string;
  matter: string;
  licenceNo: string;
  title: string;
  decidedOn: string;
  decision: ApprovalDecision;
  checkId?: string | undefined;
  commitmentCode?: string | undefined;
  supervisingDepartments?: string[] | undefined;
}

/**
 * Records an approval result (审批结果推送).
 * Steps: a re-submission of the same licence number returns the approval as stored → the subject must
 * exist, the check must be the approving department's own check of that subject and the commitment one
 * that department accepted from that subject (422; a department cannot act on another's commitment
 * through its own approval), the supervising departments known (422) — all before anything is written
 * → a granted approval creates the licence record (双公示) and one task per supervising department →
 * the approval item last. Answers the approval with its tasks (taskId, department, dueOn).
 */
export async function submitApproval(input: ApprovalInput, stamp: Stamp, now: Now) {
  const approvalId = approvalIdFor(stamp.department, input.licenceNo);
  const existing = await getApproval(approvalId);
  if (existing) return { created: false, approval: await receiptOf(existing) };
  if (input.decidedOn > now.today) throw ValidationError.field('decidedOn', 'must not be in the future');
  const subject = await getEntity(input.subjectId);
  if (!subject) throw InadmissibleError.field('subjectId', `no entity ${input.subjectId} is registered`);
  if (input.checkId) {
    const check = await findCheck(input.checkId);
    if (!check || check.department !== stamp.department) throw InadmissibleError.field('checkId', `no check ${input.checkId} by ${stamp.department}`);
    if (check.subjectId !== input.subjectId) throw InadmissibleError.field('checkId', `check ${input.checkId} was about ${check.subjectId}, not ${input.subjectId}`);
  }
  let commitment: SupervisionTask['commitment'];
  if (input.commitmentCode) {
    const record = await commitmentByCode(input.commitmentCode).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    if (!record) throw InadmissibleError.field('commitmentCode', `no commitment ${input.commitmentCode}`);
    if (record.department !== stamp.department) {
      throw InadmissibleError.field('commitmentCode', `commitment ${input.commitmentCode} was not accepted by ${stamp.department}`);
    }
    if (record.subjectId !== input.subjectId) throw InadmissibleError.field('commitmentCode', `commitment ${input.commitmentCode} was made by ${record.subjectId}`);
    commitment = { code: record.code, type: record.commitmentType, content: record.content, dueOn: record.dueOn };
  }
  const supervisors = [...new Set(input.supervisingDepartments ?? defaultSupervisors(input.matter))];
  const unknown = supervisors.filter((d) => !isKnownDepartment(d));
  if (unknown.length) throw InadmissibleError.field('supervisingDepartments', `unknown department(s): ${unknown.join(', ')}`);
  if (input.decision === 'granted' && supervisors.length === 0) {
    throw InadmissibleError.field('supervisingDepartments', `no supervising department is configured for ${input.matter}; name them`);
  }

  const approval: Approval = {
    approvalId,
    department: stamp.department,
    subjectId: input.subjectId,
    matter: input.matter,
    licenceNo: input.licenceNo,
    title: input.title,
    decidedOn: input.decidedOn,
    decision: input.decision,
    ...(input.checkId ? { checkId: input.checkId } : {}),
    ...(input.commitmentCode ? { commitmentCode: input.commitmentCode } : {}),
    supervisingDepartments: input.decision === 'granted' ? supervisors : [],
    taskIds: [],
    createdAt: stamp.at,
    createdBy: stamp.sub,
    requestId: stamp.requestId,
  };
  const tasks: SupervisionTask[] = [];
  if (input.decision === 'granted') {
    const { record } = await createRecord(
      { subjectId: input.subjectId, type: 'licence', documentNo: input.licenceNo, decidedOn: input.decidedOn, title: input.title, source: `approval:${approvalId}` },
      stamp,
      now.today,
    );
    approval.licenceRecordId = record.recordId;
    approval.licencePublishBy = licencePublishBy(input.decidedOn, workingCalendar);
    approval.licencePublishedAt = record.createdAt;
    for (const department of supervisors) {
      const task: SupervisionTask = {
        taskId: taskIdFor(approvalId, department),
        approvalId,
        subjectId: input.subjectId,
        matter: input.matter,
        licenceNo: input.licenceNo,
        department,
        approvingDepartment: stamp.department,
        dueOn: taskDueOn(input.matter, input.decidedOn),
        ...(commitment ? { commitment } : {}),
        createdAt: stamp.at,
      };
      await saveTask(task);
      approval.taskIds.push(task.taskId);
      tasks.push(task);
    }
  }
  if (!(await saveApproval(approval))) {
    const first = await getApproval(approvalId);
    if (!first) throw new Error(`Approval ${approvalId} was refused as existing but cannot be read`);
    return { created: false, approval: await receiptOf(first) };
  }
  return { created: true, approval: approvalReceipt(approval, tasks) };
}

/** The approval with the tasks it created, read back (a re-submission answers what is stored). */
const receiptOf = async (approval: Approval) => approvalReceipt(approval, await getTasks(approval.taskIds));

/** The approval traced both ways: the check it relied on, its tasks and their outcomes, the notices sent (403 another department's). */
export async function approvalTrail(approvalId: string, department: string, now: Now) {
  const approval = await getApproval(approvalId);
  if (!approval) throw new NotFoundError(`No approval ${approvalId}`);
  if (approval.department !== department) throw new ForbiddenError(`Approval ${approvalId} belongs to ${approval.department}`);
  const [check, feedback, tasks] = await Promise.all([
    approval.checkId ? findCheck(approval.checkId) : undefined,
    approval.checkId ? listFeedback(approval.checkId) : [],
    getTasks(approval.taskIds),
  ]);
  const shownFeedback = feedback.map(({ measure, outcome, note, by, at }) => ({ measure, outcome, ...(note !== undefined ? { note } : {}), by, at }));
  return traceApproval(approval, check ? { checkId: check.checkId, answer: check.answer, feedback: shownFeedback } : undefined, tasks, now.today);
}

/** A page of the department's approvals, newest decision first, each with its publication; `latePublicationOnly` keeps the late ones. */
export async function departmentApprovals(department: string, latePublicationOnly: boolean, page: { limit: number; cursor?: Record<string, unknown> | undefined }) {
  const { approvals, next } = await listApprovals(department, page);
  const shown = approvals.map(approvalListed).filter((a) => !latePublicationOnly || a.publication?.late);
  return { approvals: shown, next };
}

/** A page of the department's tasks; `open` includes the overdue ones, `overdue` only those. */
export async function departmentTasks(department: string, status: TaskStatus, page: { limit: number; cursor?: Record<string, unknown> | undefined }, now: Now) {
  const { tasks, next } = await listTasks(department, status === 'done' ? 'done' : 'open', { ...page, ...(status === 'overdue' ? { dueBefore: now.today } : {}) });
  return { tasks: tasks.map((t) => taskView(t, now.today)), next };
}

export interface CompletionInput {
  outcome: TaskOutcome;
  findings: string;
  commitmentOutcome?: VerificationOutcome | undefined;
}

/** Sends the notice a non-compliant finding makes; writing it again replaces it. */
async function noticeFinding(task: SupervisionTask): Promise<void> {
  const notice = findingNotice(task);
  if (!notice) return;
  const approval = await getApproval(task.approvalId);
  await saveNotice({ ...notice, checkIds: approval?.checkId ? [approval.checkId] : [] });
}

/** The task, when `department` supervises it (404 unknown, 403 another's): decided before the body is read. */
export async function supervisedTask(taskId: string, department: string): Promise<SupervisionTask> {
  const task = await getTask(taskId);
  if (!task) throw new NotFoundError(`No task ${taskId}`);
  if (task.department !== department) throw new ForbiddenError(`Task ${taskId} belongs to ${task.department}`);
  return task;
}

/**
 * Completes a supervision task (监管结果反馈), found by supervisedTask.
 * Steps: a repeat is a no-op (re-sending its notice), a different one 409 → a commitment outcome
 * verifies the linked commitment on behalf of its accepting department (breach → COMMITMENT_BREACH;
 * 422 when the approval relied on none) → the completion is stored (the commit point) → a
 * non-compliant finding becomes a notice to the approving department, keyed by the completion so a
 * retry after a crash rewrites the same notice.
 */
export async function completeSupervisionTask(task: SupervisionTask, input: CompletionInput, stamp: Stamp, now: Now) {
  const taskId = task.taskId;
  if (task.completion) {
    if (sameCompletion(task.completion, input)) {
      await noticeFinding(task);
      return taskView(task, now.today);
    }
    throw new ConflictError(`Task ${taskId} was already completed as ${task.completion.outcome} at ${task.completion.at}`);
  }
  if (input.commitmentOutcome && !task.commitment) throw InadmissibleError.field('commitmentOutcome', 'the approval relied on no commitment');
  if (input.commitmentOutcome && task.commitment) {
    await verifyCommitment(task.commitment.code, input.commitmentOutcome, input.findings, stamp, now, { onBehalfOfAcceptingDepartment: true });
  }
  const done = await completeTask(task, {
    outcome: input.outcome,
    findings: input.findings,
    ...(input.commitmentOutcome ? { commitmentOutcome: input.commitmentOutcome } : {}),
    ...(input.outcome === 'non-compliant' ? { noticeId: findingNoticeId(taskId) } : {}),
    by: stamp.sub,
    at: stamp.at,
    requestId: stamp.requestId,
  });
  await noticeFinding(done);
  return taskView(done, now.today);
}
