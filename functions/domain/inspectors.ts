import { z } from 'zod';
import { instant } from './values.ts';

/**
 * Inspectors (执法检查人员名录库, DOMAIN.md §6): each department keeps its library of inspectors with
 * their fields (the industries they may inspect) and their conflicts of interest (subjects they must
 * recuse from). A plan freezes the roster of its departments' inspectors; teams are drawn from it.
 */
export const inspectorSchema = z
  .object({
    id: z.string().describe("Unique city-wide (team tickets are computed from it); an inspector's token carries it as `sub`"),
    department: z.string().describe('The department whose library holds the inspector'),
    name: z.string(),
    certificateNo: z.string().describe('Law-enforcement certificate number (执法证号)'),
    fields: z.array(z.string()).describe('GB/T 4754 industry prefixes the inspector may inspect (C covers C13), sorted'),
    conflicts: z.array(z.string()).describe('Unified social credit codes of subjects the inspector must recuse from (回避), sorted'),
    updatedAt: instant,
    updatedBy: z.string(),
    requestId: z.string(),
  })
  .describe('An inspector in a department library (执法检查人员名录库).');
export type Inspector = z.infer<typeof inspectorSchema>;

/** What a planner states about an inspector; the rest is the department and the stamp. */
export type InspectorInput = Pick<Inspector, 'name' | 'certificateNo' | 'fields' | 'conflicts'>;

/** An inspector as a plan freezes it in its roster: what team assignment needs, no name. */
export const rosterInspectorSchema = inspectorSchema
  .pick({ id: true, department: true, fields: true, conflicts: true })
  .extend({ conflicts: z.array(z.string()).describe('Only members of the plan population') });
export type RosterInspector = z.infer<typeof rosterInspectorSchema>;

const distinctSorted = (values: readonly string[]) => [...new Set(values)].sort();

/** An inspector's entry from a planner's input: fields and conflicts as sets, so order and repeats change nothing. */
export function inspectorEntry(input: InspectorInput & Pick<Inspector, 'id' | 'department'>): Omit<Inspector, 'updatedAt' | 'updatedBy' | 'requestId'> {
  const { id, department, name, certificateNo } = input;
  return { id, department, name, certificateNo, fields: distinctSorted(input.fields), conflicts: distinctSorted(input.conflicts) };
}

/** Whether a PUT changes nothing: an unchanged inspector is 200 with the stored entry. */
export function sameInspector(stored: Inspector, entry: Pick<Inspector, 'name' | 'certificateNo' | 'fields' | 'conflicts'>): boolean {
  return (
    stored.name === entry.name &&
    stored.certificateNo === entry.certificateNo &&
    JSON.stringify(stored.fields) === JSON.stringify(entry.fields) &&
    JSON.stringify(stored.conflicts) === JSON.stringify(entry.conflicts)
  );
}
