import { decimalToYuan, normaliseDate, normaliseSeverity, parseBoolean, type Converted } from './values.ts';
import type { FieldProblem } from '#domain/errors.ts';

/**
 * Turns a source row into an API record body (the fields of POST /v1/records) and notes, for each
 * body field, the column it came from, so that a reject names what the user must fix in their file.
 * Nothing here decides admissibility: the body goes through recordBody and buildRecord afterwards.
 */
export interface MappedRow {
  body: Record<string, unknown>;
  /** Problems found while converting cells (dates, amounts), keyed by body field. */
  problems: FieldProblem[];
  /** The source column for a body field (CSV) or the field itself (JSONL). */
  columnOf(field: string): string;
  /** The subject's name as the row gives it (行政相对人名称; `subjectName` in JSONL): what registers it when asked to. */
  subjectName?: string;
}

export type DefaultType = 'licence' | 'penalty' | 'listing';

const API_FIELDS = [
  'subjectId', 'type', 'documentNo', 'decidedOn', 'title', 'listCode', 'severity', 'warningOnly',
  'fineAmount', 'legalBasis', 'content', 'publicUntil', 'validUntil',
] as const;
const DATE_FIELDS = ['decidedOn', 'publicUntil', 'validUntil'] as const;
/** Not a record field: the name a subject is registered under when the import registers subjects. */
export const SUBJECT_NAME_FIELD = 'subjectName';

/**
 * The 双公示 column headers (national template) this importer understands. Headers are compared in
 * their normal form (normaliseHeader), and a header with a qualifier the template does not have —
 * 行政相对人代码_1(统一社会信用代码), 处罚决定日期（必填） — is known by its name without it. A qualifier that
 * is a unit is part of the name: 罚款金额(万元) and 罚款金额(元) are different columns, and a 罚款金额 in
 * another unit is not read (it is listed among the columns not read) rather than read at the wrong scale.
 * Informational columns (处罚机关, 许可机关 …) are read by people, not by the importer.
 */
export const CSV_HEADERS = {
  subjectName: ['行政相对人名称'],
  subjectCode: ['行政相对人代码_1', '统一社会信用代码'],
  personId: ['证件号码'],
  penaltyDocumentNo: ['行政处罚决定书文号'],
  penaltyDecidedOn: ['处罚决定日期'],
  penaltyKind: ['处罚类别'],
  violation: ['违法行为类型'],
  legalBasis: ['处罚依据'],
  penaltyContent: ['处罚内容'],
  fineWan: ['罚款金额(万元)'],
  fineYuan: ['罚款金额(元)'],
  publicUntil: ['公示截止期'],
  severity: ['严重程度', '失信严重程度'],
  licenceDocumentNo: ['行政许可决定文书号'],
  licenceDecidedOn: ['许可决定日期'],
  validUntil: ['有效期至'],
  licenceTitle: ['许可证书名称', '项目名称', '行政许可决定文书名称'],
  licenceContent: ['许可内容'],
} as const;

const INFORMATIONAL = new Set(
  [
    '行政相对人类别', '行政相对人代码_2', '行政相对人代码_3', '行政相对人代码_4', '行政相对人代码_5',
    '行政相对人代码_6', '法定代表人', '法定代表人证件类型', '法定代表人证件号码', '证件类型', '违法事实',
    '没收违法所得、没收非法财物的金额(万元)', '暂扣或吊销证照名称及编号', '处罚有效期', '处罚机关', '处罚机关统一社会信用代码',
    '许可类别', '许可编号', '有效期自', '许可机关', '许可机关统一社会信用代码', '当前状态', '地方编码',
    '数据来源单位', '数据来源单位统一社会信用代码', '备注',
  ].map(normaliseHeader),
);

/**
 * A header in its normal form: Unicode NFKC (full-width brackets, letters, digits and underscores
 * become ASCII: （万元） is (万元)), no BOM, no white space, no required-field marks (*姓名, 姓名*).
 */
export function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').normalize('NFKC').replace(/\s+/g, '').replace(/^\*+|\*+$/g, '');
}

/** The names a header may be known by, most specific first: itself, then without each trailing qualifier. */
export function headerNames(header: string): string[] {
  const names = [normaliseHeader(header)];
  for (let m = /^(.+)\([^()]*\)$/.exec(names.at(-1)!); m; m = /^(.+)\([^()]*\)$/.exec(m[1]!)) names.push(m[1]!);
  return names;
}

const KNOWN = new Set<string>([...API_FIELDS, SUBJECT_NAME_FIELD, ...Object.values(CSV_HEADERS).flat().map(normaliseHeader)]);
/** Bare names whose qualifier is a unit: without a known unit the column is not read at any scale. */
const UNIT_QUALIFIED = new Set(['罚款金额']);

/** What a header stands for: a known or informational name, or undefined for a column the importer does not know. */
export function resolveHeader(header: string): { name: string; known: boolean } | undefined {
  for (const name of headerNames(header)) {
    if (UNIT_QUALIFIED.has(name)) return undefined;
    if (KNOWN.has(name)) return { name, known: true };
    if (INFORMATIONAL.has(name)) return { name, known: false };
  }
  return undefined;
}

/** Builds a mapper for a CSV header; also says which columns it will not read. */
export function csvMapper(header: readonly string[], defaultType: DefaultType) {
  // Each column by the name it is known by; the first of two columns with one name is read.
  const index = new Map<string, number>();
  const ignored: string[] = [];
  header.forEach((h, i) => {
    const resolved = resolveHeader(h);
    if (!resolved) ignored.push(h.replace(/^\uFEFF/, ''));
    else if (!index.has(resolved.name)) index.set(resolved.name, i);
  });
  const has = (names: readonly string[]) => names.some((n) => index.has(normaliseHeader(n)));
  const licenceFile = has(CSV_HEADERS.licenceDocumentNo) && !has(CSV_HEADERS.penaltyDocumentNo);
  // Without these no row could pass: say so once instead of rejecting every row.
  const missing = [
    has(['subjectId', ...CSV_HEADERS.subjectCode, ...CSV_HEADERS.personId]) ? undefined : CSV_HEADERS.subjectCode[0],
    has(['documentNo', ...CSV_HEADERS.penaltyDocumentNo, ...CSV_HEADERS.licenceDocumentNo]) ? undefined : `${CSV_HEADERS.penaltyDocumentNo[0]} or ${CSV_HEADERS.licenceDocumentNo[0]}`,
    has(['decidedOn', ...CSV_HEADERS.penaltyDecidedOn, ...CSV_HEADERS.licenceDecidedOn]) ? undefined : `${CSV_HEADERS.penaltyDecidedOn[0]} or ${CSV_HEADERS.licenceDecidedOn[0]}`,
  ].filter((m): m is string => m !== undefined);

  // Column positions are resolved once per file, not per row.
  const positions = new Map<readonly string[], { i: number; column: string }[]>();
  const located = (names: readonly string[]) => {
    let found = positions.get(names);
    if (!found) {
      found = names.flatMap((name) => {
        const i = index.get(normaliseHeader(name));
        return i === undefined ? [] : [{ i, column: header[i]!.replace(/^\uFEFF/, '') }];
      });
      positions.set(names, found);
    }
    return found;
  };
  const directNames = new Map(API_FIELDS.map((f) => [f as string, [f] as readonly string[]]));

  function map(values: readonly string[]): MappedRow {
    /** The first non-empty cell among the named columns, with the header as written. */
    const cell = (names: readonly string[]): { value: string; column: string } | undefined => {
      for (const { i, column } of located(names)) {
        const value = values[i]?.trim();
        if (value) return { value, column };
      }
      return undefined;
    };
    const out = new RowBuilder();
    const direct = (field: string) => cell(directNames.get(field)!);

    const licenceDoc = cell(CSV_HEADERS.licenceDocumentNo);
    const penaltyDoc = cell(CSV_HEADERS.penaltyDocumentNo);
    const typeCell = direct('type');
    const type = typeCell?.value ?? (licenceDoc ? 'licence' : penaltyDoc ? 'penalty' : licenceFile ? 'licence' : defaultType);
    out.set('type', type, typeCell?.column ?? 'type');

    out.set('subjectId', direct('subjectId') ?? cell(CSV_HEADERS.subjectCode) ?? cell(CSV_HEADERS.personId), CSV_HEADERS.subjectCode[0]);
    const isLicence = type === 'licence';
    out.set('documentNo', direct('documentNo') ?? (isLicence ? licenceDoc : penaltyDoc),
      isLicence ? CSV_HEADERS.licenceDocumentNo[0] : CSV_HEADERS.penaltyDocumentNo[0]);
    out.convert('decidedOn', direct('decidedOn') ?? cell(isLicence ? CSV_HEADERS.licenceDecidedOn : CSV_HEADERS.penaltyDecidedOn),
      normaliseDate, isLicence ? CSV_HEADERS.licenceDecidedOn[0] : CSV_HEADERS.penaltyDecidedOn[0]);

    const kind = cell(CSV_HEADERS.penaltyKind);
    const violation = cell(CSV_HEADERS.violation);
    const title = direct('title') ?? (isLicence ? cell(CSV_HEADERS.licenceTitle) : penaltyTitle(kind, violation));
    out.set('title', title, isLicence ? CSV_HEADERS.licenceTitle[0] : CSV_HEADERS.violation[0]);

    out.set('listCode', direct('listCode'), 'listCode');
    const severity = direct('severity') ?? cell(CSV_HEADERS.severity);
    out.set('severity', severity && { ...severity, value: normaliseSeverity(severity.value) }, 'severity');
    const warning = direct('warningOnly');
    if (warning) out.convert('warningOnly', warning, parseBoolean, 'warningOnly');
    else if (type === 'penalty' && kind && isWarningOnly(kind.value)) out.set('warningOnly', { value: true, column: kind.column }, kind.column);

    const yuan = direct('fineAmount') ?? cell(CSV_HEADERS.fineYuan);
    if (yuan) out.convert('fineAmount', yuan, (v) => decimalToYuan(v, 0), 'fineAmount');
    else out.convert('fineAmount', cell(CSV_HEADERS.fineWan), (v) => decimalToYuan(v, 4), CSV_HEADERS.fineWan[0]);

    out.set('legalBasis', direct('legalBasis') ?? cell(CSV_HEADERS.legalBasis), CSV_HEADERS.legalBasis[0]);
    out.set('content', direct('content') ?? cell(isLicence ? CSV_HEADERS.licenceContent : CSV_HEADERS.penaltyContent),
      isLicence ? CSV_HEADERS.licenceContent[0] : CSV_HEADERS.penaltyContent[0]);
    out.convert('publicUntil', direct('publicUntil') ?? cell(CSV_HEADERS.publicUntil), normaliseDate, CSV_HEADERS.publicUntil[0]);
    out.convert('validUntil', direct('validUntil') ?? cell(CSV_HEADERS.validUntil), normaliseDate, CSV_HEADERS.validUntil[0]);
    out.name(cell([SUBJECT_NAME_FIELD, ...CSV_HEADERS.subjectName]), CSV_HEADERS.subjectName[0]);
    return out.done();
  }
  return { map, ignored, missing };
}

/** 处罚类别 is the title's prefix: "罚款：未按规定公示年度报告". */
function penaltyTitle(kind: { value: string; column: string } | undefined, violation: { value: string; column: string } | undefined) {
  if (kind && violation) return { value: `${kind.value}：${violation.value}`, column: violation.column };
  return violation ?? kind;
}

/** A penalty whose only kind is 警告 is warning-only (never published). */
export function isWarningOnly(kinds: string): boolean {
  const parts = kinds.split(/[;；,，、/\s]+/).filter(Boolean);
  return parts.length > 0 && parts.every((p) => p === '警告');
}

/** JSONL rows are API bodies already; only dates in the department formats are normalised. */
export function mapJsonRow(value: unknown, defaultType: DefaultType): MappedRow {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { body: {}, problems: [{ path: '(row)', message: 'must be a JSON object' }], columnOf: (f) => f };
  }
  const { [SUBJECT_NAME_FIELD]: name, ...fields } = value as Record<string, unknown>;
  const body: Record<string, unknown> = fields;
  const problems: FieldProblem[] = [];
  if (body.type === undefined) body.type = defaultType;
  for (const field of DATE_FIELDS) {
    const v = body[field];
    if (typeof v !== 'string') continue;
    const converted = normaliseDate(v);
    if (converted.ok) body[field] = converted.value;
    else {
      problems.push({ path: field, message: converted.message });
      delete body[field];
    }
  }
  if (name !== undefined && typeof name !== 'string') problems.push({ path: SUBJECT_NAME_FIELD, message: 'must be a string' });
  const subjectName = typeof name === 'string' && name.trim() ? name.trim() : undefined;
  return { body, problems, columnOf: (f) => f, ...(subjectName ? { subjectName } : {}) };
}

class RowBuilder {
  private readonly body: Record<string, unknown> = {};
  private readonly problems: FieldProblem[] = [];
  private readonly columns = new Map<string, string>();
  private subjectName: string | undefined;

  set(field: string, cell: { value: unknown; column: string } | string | undefined, fallbackColumn: string) {
    const c = typeof cell === 'string' ? { value: cell, column: fallbackColumn } : cell;
    this.columns.set(field, c?.column ?? fallbackColumn);
    if (c !== undefined) this.body[field] = c.value;
  }

  convert<T>(field: string, cell: { value: string; column: string } | undefined, fn: (raw: string) => Converted<T>, fallbackColumn: string) {
    this.columns.set(field, cell?.column ?? fallbackColumn);
    if (!cell) return;
    const result = fn(cell.value);
    if (result.ok) this.body[field] = result.value;
    else this.problems.push({ path: field, message: `${result.message} (got "${cell.value}")` });
  }

  name(cell: { value: string; column: string } | undefined, fallbackColumn: string) {
    this.columns.set(SUBJECT_NAME_FIELD, cell?.column ?? fallbackColumn);
    this.subjectName = cell?.value;
  }

  done(): MappedRow {
    const columns = this.columns;
    return {
      body: this.body,
      problems: this.problems,
      columnOf: (f) => columns.get(f) ?? f,
      ...(this.subjectName ? { subjectName: this.subjectName } : {}),
    };
  }
}
