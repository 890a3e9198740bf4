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

export const findList = (code: string): CreditList | undefined => listsByCode.get(code);
export const isKnownMatter = (code: string): boolean => matterCodes.has(code);
