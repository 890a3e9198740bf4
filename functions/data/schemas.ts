import { z } from 'zod';

/**
 * Items read back from the table are parsed, not cast: a malformed item fails loudly at the data
 * boundary instead of leaking into the domain.
 */
const recordEvent = z.object({
  action: z.enum(['created', 'retracted', 'ended', 'repaired', 'verified', 'corrected']),
  by: z.string(),
  department: z.string(),
  at: z.string(),
  requestId: z.string(),
  reason: z.string().optional(),
  endedOn: z.string().optional(),
  correctedOn: z.string().optional(),
  previous: z.record(z.string(), z.unknown()).optional(),
});

export const recordItem = z.object({
  recordId: z.string(),
  subjectId: z.string(),
  type: z.enum(['licence', 'penalty', 'listing', 'inspection', 'commitment']),
  documentNo: z.string(),
  decidedOn: z.string(),
  title: z.string(),
  department: z.string(),
  listCode: z.string().optional(),
  listKind: z.enum(['black', 'red']).optional(),
  severity: z.enum(['minor', 'general', 'serious']).optional(),
  warningOnly: z.boolean().optional(),
  fineAmount: z.number().optional(),
  legalBasis: z.string().optional(),
  content: z.string().optional(),
  publicUntil: z.string().optional(),
  validUntil: z.string().optional(),
  source: z.string().optional(),
  outcome: z.string().optional(),
  code: z.string().optional(),
  commitmentType: z.string().optional(),
  matter: z.string().optional(),
  dueOn: z.string().optional(),
  verification: z
    .object({
      outcome: z.enum(['fulfilled', 'partly', 'unfulfilled']),
      note: z.string(),
      by: z.string(),
      department: z.string(),
      at: z.string(),
      requestId: z.string(),
    })
    .optional(),
  contentHash: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  requestId: z.string(),
  retractedAt: z.string().optional(),
  endedOn: z.string().optional(),
  repairedAt: z.string().optional(),
  publicUntilDefaulted: z.boolean().optional(),
  version: z.number().int().min(1),
  history: z.array(recordEvent),
});

export const entityItem = z.object({
  id: z.string(),
  kind: z.enum(['enterprise', 'organization', 'person']),
  name: z.string(),
  region: z.string(),
  industry: z.string().optional(),
  status: z.enum(['active', 'revoked', 'cancelled']),
  establishedOn: z.string().optional(),
  legalRepresentativeId: z.string().optional(),
  registeredBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  updatedByDepartment: z.string(),
  requestId: z.string(),
  version: z.number(),
  changes: z.array(
    z.object({
      at: z.string(),
      by: z.string(),
      department: z.string(),
      requestId: z.string(),
      fields: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
    }),
  ),
});

/** What a check reads of a subject's profile. */
export const checkProfile = entityItem.pick({ id: true, name: true, kind: true, legalRepresentativeId: true });

/** A person's link to an enterprise that named them its legal representative (a hint; the enterprise's profile decides). */
export const representativeLink = z.object({ enterpriseId: z.string() });

/** The fields that decide whether a record is in force (a credit check reads only these). */
export const recordEffect = recordItem.pick({
  recordId: true,
  type: true,
  decidedOn: true,
  listCode: true,
  endedOn: true,
  validUntil: true,
  publicUntil: true,
  retractedAt: true,
  repairedAt: true,
});
