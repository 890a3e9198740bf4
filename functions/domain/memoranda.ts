import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InadmissibleError, ValidationError } from './errors.ts';
import { findList, isKnownDepartment, isKnownMatter } from './reference.ts';
import { calendarDate } from './values.ts';

/**
 * Joint reward-punishment memoranda and their measures (DOMAIN.md §5), and the catalogue: one
 * numbered version of the whole set, so a check can say exactly which catalogue decided it.
 */
export const MEASURE_KINDS = ['punish', 'reward'] as const;
export const MEASURE_FORCES = ['mandatory', 'reference', 'market'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export type MeasureForce = (typeof MEASURE_FORCES)[number];

export const measureKind = z.enum(MEASURE_KINDS).describe('punish 惩戒: a punishment for a black-list hit · reward 激励: a reward for a red-list hit');
export const measureForce = z
  .enum(MEASURE_FORCES)
  .describe(
    'mandatory 依法必须: the law obliges the department to apply it ("依法禁止/限制…"); reference 审慎参考: the department must weigh it in its decision; market 市场性: informational, for market and industry bodies',
  );

/** One numbered measure of a memorandum: what is done, on which legal basis, by whom, in which matters. */
export const measureSchema = z.object({
  code: z.string().describe('The measure’s number or code within its memorandum; feedback names it as "<memorandum>/<measure>"'),
  kind: measureKind,
  force: measureForce,
  departments: z.array(z.string()).describe('The departments that implement it: a check applies it only for these'),
  matters: z.array(z.string()).describe('The matters (approval items, data/lists.json) it applies to'),
  content: z.string().describe('What the measure does, e.g. 依法禁止参加政府采购活动'),
  legalBasis: z.string().describe('Law and article, or the memorandum clause'),
});
export type Measure = z.infer<typeof measureSchema>;

/** A memorandum as published: the body of PUT /v1/memoranda/{code} with its code. */
export const memorandumContentSchema = z.object({
  code: z.string().describe('The memorandum’s code, e.g. M-COURT-DEFAULTER-2016'),
  title: z.string(),
  documentNo: z.string().nullable().describe('The issuing document number, null where it is not confirmed'),
  issuedOn: calendarDate,
  leadDepartment: z.string().describe('The department that leads it (a code from data/lists.json)'),
  targetLists: z.array(z.string()).describe('The lists whose members it targets (codes from data/lists.json)'),
  measures: z.array(measureSchema),
});
export type MemorandumContent = z.infer<typeof memorandumContentSchema>;

/** The memorandum aggregate: its content at one version; every change is a new, immutable version. */
export const memorandumSchema = memorandumContentSchema
  .extend({ version: z.number().int().min(1).describe('Incremented on every change of the memorandum') })
  .describe('A joint reward-punishment memorandum (联合奖惩备忘录) at one version.');
export type Memorandum = z.infer<typeof memorandumSchema>;

/** A catalogue version: which version of each memorandum it holds. */
export const catalogueHeadSchema = z.object({
  version: z.number().int().min(0),
  memoranda: z.record(z.string(), z.number().int().min(1)).describe('Memorandum code → the version this catalogue holds'),
});
export type CatalogueHead = z.infer<typeof catalogueHeadSchema>;

/** The catalogue before anything is published. */
export const EMPTY_CATALOGUE: CatalogueHead = { version: 0, memoranda: {} };

/** The version of `code` a catalogue holds; codes such as `constructor` are simply not in it. */
export const versionIn = (head: CatalogueHead, code: string): number | undefined => (Object.hasOwn(head.memoranda, code) ? head.memoranda[code] : undefined);

/** A memorandum version's name, `<code>@<version>`: versions are immutable, so it names one content for ever. */
export const memorandumVersionKey = (code: string, version: number) => `${code}@${version}`;

export interface Catalogue {
  version: number;
  memoranda: Memorandum[];
}

/** The memoranda of a catalogue version as GET /v1/memoranda answers them. */
export const memorandumListSchema = z.object({
  catalogueVersion: z.number().int().min(0).describe('The catalogue version these memoranda belong to: the one a check made now reports'),
  memoranda: z.array(memorandumSchema).describe('Every memorandum of the catalogue at its current version, by code'),
});

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

/** The content a PUT publishes under `code`: a code in the body must be the path's (400 naming `code`). */
export function contentForCode(code: string, body: Omit<MemorandumContent, 'code'> & { code?: string | undefined }): MemorandumContent {
  if (body.code !== undefined && body.code !== code) throw ValidationError.field('code', `must match the path (${code})`);
  return { ...body, code };
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
