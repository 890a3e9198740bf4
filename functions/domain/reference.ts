import reference from '#catalogue/lists.json' with { type: 'json' };
import type { SubjectKind } from './identifiers.ts';

/** The reference catalogue the project carries (data/lists.json): lists, departments, matters. */
export interface CreditList {
  code: string;
  name: string;
  kind: 'black' | 'red';
  severity: 'general' | 'serious' | null;
  keeper: string | null;
  subjects: SubjectKind[];
  extendsTo: string[];
}

export interface Department {
  code: string;
  name: string;
}

export interface Matter {
  code: string;
  name: string;
}

export const lists: readonly CreditList[] = reference.lists as CreditList[];
export const departments: readonly Department[] = reference.departments;
export const matters: readonly Matter[] = reference.matters;

const listsByCode = new Map(lists.map((l) => [l.code, l]));
const matterCodes = new Set(matters.map((m) => m.code));

const departmentCodes = new Set(departments.map((d) => d.code));

export const findList = (code: string): CreditList | undefined => listsByCode.get(code);
export const isKnownMatter = (code: string): boolean => matterCodes.has(code);
export const isKnownDepartment = (code: string): boolean => departmentCodes.has(code);

/**
 * The names every JavaScript object answers to (constructor, __proto__, toString, hasOwnProperty…).
 * Codes are looked up in Maps and Sets or with Object.hasOwn, so these are simply unknown; they are
 * also refused as new codes, since a stored map keyed `__proto__` would not read back as written.
 */
const objectPropertyNames = new Set(Object.getOwnPropertyNames(Object.prototype));
export const isObjectPropertyName = (name: string): boolean => objectPropertyNames.has(name);
