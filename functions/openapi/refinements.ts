import type { z } from 'zod';
import { matters } from '#domain/reference.ts';
import { isoDate, matterField, subjectIdField, validSubjectId } from '#http/schemas.ts';
import { entityBody } from '#handlers/entities/put-entity.contract.ts';
import { recordBody } from '#handlers/records/create-record.contract.ts';
import { feedbackBody } from '#handlers/checks/check-feedback.contract.ts';
import { conflictCode } from '#handlers/inspectors/put-inspector.contract.ts';

/**
 * What zod's JSON Schema output cannot see: a `.refine()` is a function, so it leaves no trace in the
 * generated schema. For the refinements JSON Schema can state, this table adds the equivalent keywords
 * to the schema generated from the very zod object the handler parses (matched by identity); the
 * others are stated in words in the route registry. Nothing here changes how a request is parsed.
 */
export const refinementKeywords = new Map<z.ZodType, Record<string, unknown>>([
  [isoDate, { format: 'date', description: 'A calendar date YYYY-MM-DD' }],
  [
    subjectIdField,
    { maxLength: 64, description: 'A unified social credit code or a resident identity number; upper-cased, spaces and hyphens removed before use, then at most 64 characters' },
  ],
  [
    validSubjectId,
    {
      maxLength: 64,
      description:
        'A unified social credit code or a resident identity number with a valid check character; upper-cased, spaces and hyphens removed before use',
    },
  ],
  [conflictCode, { description: 'A unified social credit code with a valid check character; a resident identity number is refused (400)' }],
  // The matter codes are the reference catalogue's (data/lists.json), the same set isKnownMatter accepts.
  [matterField, { enum: matters.map((m) => m.code), description: 'A matter code from the reference catalogue (data/lists.json)' }],
  // industry is required unless kind is person.
  [entityBody, { if: { required: ['kind'], properties: { kind: { const: 'person' } } }, else: { required: ['industry'] } }],
  // listCode is required for a listing.
  [recordBody, { if: { required: ['type'], properties: { type: { const: 'listing' } } }, then: { required: ['listCode'] } }],
  // note is required when the measure was not applied.
  [feedbackBody, { if: { required: ['outcome'], properties: { outcome: { const: 'not-applied' } } }, then: { required: ['note'] } }],
]);
