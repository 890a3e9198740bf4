import { createHash } from 'node:crypto';
import { InadmissibleError } from './errors.ts';
import { findList, isKnownDepartment, isKnownMatter } from './reference.ts';

/**
 * Joint reward-punishment memoranda and their measures (DOMAIN.md §5), and the catalogue: one
 * numbered version of the whole set, so a check can say exactly which catalogue decided it.
 */
export type MeasureKind = 'punish' | 'reward';
export type MeasureForce = 'mandatory' | 'reference' | 'market';

export interface Measure {
  code: string;
  kind: MeasureKind;
  force: MeasureForce;
  departments: string[];
  matters: string[];
  content: string;
  legalBasis: string;
}

export interface MemorandumContent {
  code: string;
  title: string;
  documentNo: string | null;
  issuedOn: string;
  leadDepartment: string;
  targetLists: string[];
  measures: Measure[];
}

export interface Memorandum extends MemorandumContent {
  version: number;
}

export interface Catalogue {
  version: number;
  memoranda: Memorandum[];
}

/** A measure ready for evaluation: its memorandum's identity and targets folded in. */
export interface IndexedMeasure {
  memorandum: string;
  version: number;
  measure: Measure;
}

/** The catalogue indexed by target list, built once per catalogue version. */
export interface CatalogueIndex {
  version: number;
  byList: Map<string, IndexedMeasure[]>;
}

export function indexCatalogue(catalogue: Catalogue): CatalogueIndex {
  const byList = new Map<string, IndexedMeasure[]>();
  for (const memo of catalogue.memoranda) {
    for (const list of memo.targetLists) {
      const entries = byList.get(list) ?? [];
      for (const measure of memo.measures) entries.push({ memorandum: memo.code, version: memo.version, measure });
      byList.set(list, entries);
    }
  }
  return { version: catalogue.version, byList };
}

/** A memorandum may only target known lists and name known matters and departments (422 otherwise). */
export function assertAdmissible(content: MemorandumContent): void {
  const unknownLists = content.targetLists.filter((l) => !findList(l));
  if (unknownLists.length) throw InadmissibleError.field('targetLists', `unknown list(s): ${unknownLists.join(', ')}`);
  const problems = [
    ...(isKnownDepartment(content.leadDepartment) ? [] : [{ path: 'leadDepartment', message: `unknown department ${content.leadDepartment}` }]),
    ...content.measures.flatMap((m, i) => [
      ...m.matters.filter((x) => !isKnownMatter(x)).map((x) => ({ path: `measures.${i}.matters`, message: `unknown matter ${x}` })),
      ...m.departments.filter((x) => !isKnownDepartment(x)).map((x) => ({ path: `measures.${i}.departments`, message: `unknown department ${x}` })),
    ]),
  ];
  if (problems.length) throw new InadmissibleError(problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}

export function memorandumHash(content: MemorandumContent): string {
  return createHash('sha256').update(JSON.stringify(canonical(content))).digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}
