import { z } from 'zod';
import { normaliseId, type SubjectKind } from './identifiers.ts';
import { calendarDate, instant } from './values.ts';

export const ENTITY_KINDS = ['enterprise', 'organization', 'person'] as const;
export const ENTITY_STATUSES = ['active', 'revoked', 'cancelled'] as const;

/** One change of an entity's fields, kept in its history: nothing is overwritten without trace. */
export const entityChangeSchema = z.object({
  at: instant,
  by: z.string(),
  department: z.string(),
  requestId: z.string(),
  fields: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).describe('Each changed field, from its earlier value to its new one (null: absent)'),
});
export type EntityChange = z.infer<typeof entityChangeSchema>;

/** A market entity, organization or person, as its registering department last described it. */
export const entitySchema = z
  .object({
    id: z.string().describe('Unified social credit code or resident identity number, normalised'),
    kind: z.enum(ENTITY_KINDS).describe('enterprise 企业 · organization 机关/事业单位/社会组织 · person 自然人'),
    name: z.string(),
    region: z.string().describe('6-digit region code (GB/T 2260)'),
    industry: z.string().optional().describe('GB/T 4754 industry code, e.g. C13 or I65'),
    status: z.enum(ENTITY_STATUSES).describe('active 存续 · revoked 吊销 · cancelled 注销'),
    establishedOn: calendarDate.optional(),
    legalRepresentativeId: z.string().optional(),
    registeredBy: z.string().describe('The department that registered the entity; only it or an admin changes it (a provisional entity: the registration keeper or an admin)'),
    provisional: z
      .literal(true)
      .optional()
      .describe(
        'Registered by an import from a record’s name and code alone (kind and region from the code, no industry); the registration keeper (MARKET) or an admin completes it with a PUT, becoming its registrar',
      ),
    createdAt: instant,
    updatedAt: instant,
    updatedBy: z.string(),
    updatedByDepartment: z.string(),
    requestId: z.string(),
    version: z.number().int().min(1).describe('Incremented on every change'),
    changes: z.array(entityChangeSchema).describe('Every change of the entity’s fields since registration, oldest first'),
  })
  .describe('A registered subject (市场主体、组织或自然人).');
export type Entity = z.infer<typeof entitySchema>;

export type EntityInput = Pick<Entity, 'kind' | 'name' | 'region' | 'industry' | 'status' | 'establishedOn' | 'legalRepresentativeId'>;

export const ENTITY_FIELDS: (keyof EntityInput)[] = ['kind', 'name', 'region', 'industry', 'status', 'establishedOn', 'legalRepresentativeId'];

/** The history lives in the profile item itself (one atomic write per change), so it has a bound. */
export const MAX_ENTITY_CHANGES = 200;

/** What a PUT changes, field by field (null where a field is absent); empty for an identical PUT. */
export function entityDiff(stored: Entity, input: EntityInput): EntityChange['fields'] {
  const fields: EntityChange['fields'] = {};
  for (const f of ENTITY_FIELDS) {
    const from = stored[f] ?? null;
    const to = input[f] ?? null;
    if (from !== to) fields[f] = { from, to };
  }
  return fields;
}

/** Whether a PUT changes anything: an identical PUT is a no-op (200 with the stored entity). */
export function sameEntityContent(stored: Entity, input: EntityInput): boolean {
  return Object.keys(entityDiff(stored, input)).length === 0;
}

/**
 * The department that keeps the register of market entities (登记机关): it completes the provisional
 * entities imports register, and becomes their registrar.
 */
export const REGISTRATION_KEEPER = 'MARKET';

/**
 * Who may change a registered entity: the department that registered it, or an admin; a provisional
 * one, the registration keeper or an admin (the importing department only named it).
 */
export function mayChangeEntity(entity: Pick<Entity, 'registeredBy' | 'provisional'>, department: string, isAdmin: boolean): boolean {
  if (isAdmin) return true;
  return entity.provisional ? department === REGISTRATION_KEEPER : entity.registeredBy === department;
}

/**
 * A subject an import registers provisionally: its name, and what its code says (DOMAIN.md §2). A
 * resident identity number is a person of the region of its first six digits; a unified social
 * credit code carries its region in characters 3–8, and registration department 9 (市场监管: 企业,
 * 个体工商户, 农民专业合作社) makes an enterprise, any other (机构编制, 民政, 其他) an organization.
 * `family` is the code's, as idFamily found it (a code of digits alone may be either).
 */
export function provisionalEntityInput(id: string, name: string, family: 'creditCode' | 'residentId'): EntityInput {
  const code = normaliseId(id);
  if (family === 'residentId') return { kind: 'person', name: name.trim(), region: code.slice(0, 6), status: 'active' };
  const kind: SubjectKind = code[0] === '9' ? 'enterprise' : 'organization';
  return { kind, name: name.trim(), region: code.slice(2, 8), status: 'active' };
}
