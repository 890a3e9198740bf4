import { z } from 'zod';
import { entitySchema } from '#domain/entities.ts';
import { creditRecordSchema } from '#domain/records.ts';

/**
 * Items read back from the table are parsed, not cast: a malformed item fails loudly at the data
 * boundary instead of leaking into the domain.
 */
/** A record item is the record aggregate. */
export const recordItem = creditRecordSchema;

/** The profile item is the entity aggregate (its keys and outbox mark are dropped by the parse). */
export const entityItem = entitySchema;

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
