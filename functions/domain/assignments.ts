import { z } from 'zod';
import { planResultSchema } from './inspection-results.ts';
import { instant } from './values.ts';

/**
 * An inspector's assignments (检查任务): the sampled subjects whose drawn team includes the inspector.
 * Written with the draw, one per team member and subject; they count once the draw they belong to is
 * committed (a draw is deterministic, so every attempt writes the same ones).
 */
export const assignmentSchema = z.object({
  inspectorId: z.string(),
  /** The inspector's department in the plan's frozen roster. */
  department: z.string(),
  planId: z.string(),
  planCreatedAt: instant,
  subjectId: z.string(),
  team: z.array(z.string()),
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const ASSIGNMENT_STATUSES = ['open', 'done'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const assignmentViewSchema = z
  .object({
    planId: z.string(),
    planTitle: z.string(),
    subjectId: z.string(),
    subjectName: z.string().describe('The registered name (the id, should the subject have no profile)'),
    team: z.array(z.string()).describe('The drawn team, inspector ids in draw order'),
    result: planResultSchema.optional().describe('Once recorded (done)'),
  })
  .describe('A sampled subject the caller inspects as one of its drawn team (检查任务).');
export type AssignmentView = z.infer<typeof assignmentViewSchema>;
