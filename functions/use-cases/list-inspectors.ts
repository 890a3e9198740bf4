import type { Inspector } from '#domain/inspectors.ts';
import { listInspectorsPage } from '#data/inspectors.ts';

/**
 * A page of a department's inspector library (执法检查人员名录库), by id: a planner reads its own
 * department's only. Steps: one consistent Query of the department's library from the resume key.
 */
export async function departmentInspectors(
  department: string,
  page: { limit: number; cursor?: Record<string, unknown> },
): Promise<{ inspectors: Inspector[]; next: Record<string, unknown> | undefined }> {
  return listInspectorsPage(department, page.limit, page.cursor);
}
