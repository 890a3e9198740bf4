import { ApiProblem } from '../api.ts';
import { code, fill, h, uid } from '../dom.ts';
import { clearFieldErrors, field, select } from '../forms.ts';
import { formatInstant, IMPORT_COUNTS, IMPORT_STATUSES, nameOf } from '../labels.ts';
import { checkbox } from '../parts/controls.ts';
import { explained, inChinese } from '../parts/explain.ts';
import type { ScreenContext } from '../screen.ts';

/**
 * 数据导入: a file of records (双公示 CSV or JSONL) imported for the caller's department. POST /v1/imports
 * opens the import (with an Idempotency-Key, so a retried click opens no second one), the file goes to its
 * pre-signed uploadUrl by a plain PUT (no Authorization header: not through ctx.api), then
 * GET /v1/imports/{importId} is read until the job is done or failed, showing its counts and the reject
 * file. The imports opened in this session are remembered (sessionStorage) and shown again.
 */

interface ImportView {
  importId: string;
  status: 'waiting' | 'running' | 'done' | 'failed';
  fileName: string;
  format: string;
  recordType: string;
  registerSubjects: boolean;
  createdAt: string;
  finishedAt?: string;
  read: number;
  created: number;
  unchanged: number;
  conflicting: number;
  rejected: number;
  registered: number;
  reason?: string;
  encoding?: string;
  rejectsUrl?: string;
}
interface Remembered {
  importId: string;
  fileName: string;
  openedAt: string;
}

const POLL_MS = 1000;
const REMEMBERED = 10;
const REJECTS_SHOWN = 50;
const storageKey = (ctx: ScreenContext) => `credit-console-imports:${ctx.session.dept}:${ctx.session.sub}`;

function remembered(ctx: ScreenContext): Remembered[] {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(storageKey(ctx)) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((r): r is Remembered => typeof r?.importId === 'string' && typeof r?.fileName === 'string') : [];
  } catch {
    return [];
  }
}

function remember(ctx: ScreenContext, entry: Remembered) {
  const rest = remembered(ctx).filter((r) => r.importId !== entry.importId);
  sessionStorage.setItem(storageKey(ctx), JSON.stringify([entry, ...rest].slice(0, REMEMBERED)));
}

const RECORD_TYPES_FOR_IMPORT: Record<string, string> = { penalty: '行政处罚', licence: '行政许可' };

export async function renderImports(ctx: ScreenContext) {
  const views = h('div', { id: 'import-views' });
  const recentTitle = h('h2', { id: 'imports-recent-title' }, '本次登录的导入');
  const recent = h('section', { 'aria-labelledby': 'imports-recent-title', hidden: true }, recentTitle, views);
  const show = (entry: Remembered, focus: boolean) => {
    recent.hidden = false;
    let view = views.querySelector<HTMLElement>(`[data-import="${entry.importId}"]`);
    if (!view) {
      view = importPanel(entry);
      views.prepend(view);
    }
    void follow(ctx, entry, view, focus);
  };
  ctx.root.append(h('p', { class: 'lead' }, '批量导入本部门的行政处罚、行政许可或名单记录：按“双公示”列名的 CSV 文件，或每行一个记录的 JSONL 文件。导入按单条录入的规则逐行检查，不合规的行列入驳回清单；同一文件再次导入不会重复录入。'), importForm(ctx, show), recent);
  for (const entry of remembered(ctx).reverse()) show(entry, false);
}

function importPanel(entry: Remembered) {
  const titleId = uid('import');
  return h(
    'section',
    { class: 'panel import-view', 'data-import': entry.importId, 'aria-labelledby': titleId },
    h('h3', { id: titleId, tabindex: '-1' }, entry.fileName),
    h('p', { class: 'muted' }, `导入编号 `, code(entry.importId), ` · ${formatInstant(entry.openedAt)}`),
    h('div', { class: 'import-state' }, h('p', null, '正在读取导入进度…')),
  );
}

/** Reads the import until it is done or failed (or the user leaves), drawing each answer. */
async function follow(ctx: ScreenContext, entry: Remembered, panel: HTMLElement, focus: boolean) {
  if (panel.dataset.following) return;
  panel.dataset.following = '1';
  const state = panel.querySelector<HTMLElement>('.import-state')!;
  try {
    for (;;) {
      let view: ImportView;
      try {
        view = await ctx.api.get<ImportView>(`/v1/imports/${encodeURIComponent(entry.importId)}`);
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 404) {
          fill(state, h('p', { class: 'empty' }, '未找到该导入（可能属于其他部门或已过期）。'));
          return;
        }
        throw error;
      }
      if (ctx.signal.aborted) return;
      drawState(state, view);
      if (view.status === 'done' || view.status === 'failed') {
        if (focus) {
          ctx.announce(
            view.status === 'done'
              ? `导入完成：${entry.fileName}，读取 ${view.read} 行，新增 ${view.created} 条，未变化 ${view.unchanged} 条，冲突 ${view.conflicting} 条，驳回 ${view.rejected} 条。`
              : `导入失败：${entry.fileName}。${view.reason ?? ''}`,
            view.status === 'done' ? 'success' : 'error',
          );
          panel.querySelector<HTMLElement>('h3')?.focus();
        }
        if (view.rejectsUrl) await showRejects(ctx, state, view.rejectsUrl);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (ctx.signal.aborted) return;
    }
  } catch (error) {
    ctx.problem(error);
  } finally {
    delete panel.dataset.following;
  }
}

function drawState(state: HTMLElement, v: ImportView) {
  const counts = (['read', 'created', 'unchanged', 'conflicting', 'rejected', 'registered'] as const).filter((k) => k !== 'registered' || v.registerSubjects);
  fill(
    state,
    h(
      'p',
      null,
      h('span', { class: `tag import-${v.status}` }, nameOf(IMPORT_STATUSES, v.status)),
      ` ${v.format.toUpperCase()} · ${nameOf(RECORD_TYPES_FOR_IMPORT, v.recordType)}${v.registerSubjects ? ' · 临时登记未登记主体' : ''}${v.encoding ? ` · 编码 ${v.encoding}` : ''}${v.finishedAt ? ` · 完成于 ${formatInstant(v.finishedAt)}` : ''}`,
    ),
    h('dl', { class: 'import-counts' }, counts.map((k) => h('div', { 'data-count': k }, h('dt', null, IMPORT_COUNTS[k]!), h('dd', null, String(v[k]))))),
    v.status === 'failed' ? h('p', { class: 'field-error' }, `失败原因：${v.reason ?? '未说明'}`) : null,
    v.rejectsUrl
      ? h('p', null, h('a', { href: v.rejectsUrl, class: 'rejects-link', download: `${v.fileName}.驳回清单.csv` }, '下载驳回清单（CSV）'), h('span', { class: 'sub' }, '链接 5 分钟内有效；过期后重新打开本页获取新链接。'))
      : v.status === 'done'
        ? h('p', { class: 'muted' }, '没有驳回或冲突的行。')
        : null,
    h('div', { class: 'rejects-preview' }),
  );
}

/** The reject file's first lines as a table (row, field, reason); where it cannot be read here, the link alone. */
async function showRejects(ctx: ScreenContext, state: HTMLElement, url: string) {
  const target = state.querySelector<HTMLElement>('.rejects-preview');
  if (!target) return;
  try {
    const res = await fetch(url, { signal: ctx.signal });
    if (!res.ok) return;
    const rows = parseCsv(new TextDecoder('utf-8').decode(await res.arrayBuffer())).slice(1).filter((r) => r.length >= 3);
    fill(
      target,
      h(
        'table',
        { class: 'records rejects' },
        h('caption', null, `驳回清单${rows.length > REJECTS_SHOWN ? `（前 ${REJECTS_SHOWN} 行，共 ${rows.length} 行）` : `（${rows.length} 行）`}`),
        h('thead', null, h('tr', null, ['文件行号', '字段', '原因'].map((t) => h('th', { scope: 'col' }, t)))),
        h(
          'tbody',
          null,
          rows.slice(0, REJECTS_SHOWN).map(([row, column, reason]) => h('tr', null, h('td', { 'data-label': '文件行号', class: 'num' }, row!), h('td', { 'data-label': '字段' }, column!), h('td', { 'data-label': '原因' }, inChinese(reason!, ctx.catalogue)))),
        ),
      ),
    );
  } catch {
    /* the link stays */
  }
}

// Spelled by code point: a minifier would otherwise turn a newline string into a multi-line template literal.
const LF = String.fromCharCode(10);
const CR = String.fromCharCode(13);

/** RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes); a leading BOM dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === LF || c === CR) {
      if (c === CR && source[i + 1] === LF) i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

function importForm(ctx: ScreenContext, show: (entry: Remembered, focus: boolean) => void) {
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,.jsonl,.txt,text/csv,application/x-ndjson', 'data-path': 'fileName' });
  const format = select([{ value: 'csv', label: 'CSV（双公示列名）' }, { value: 'jsonl', label: 'JSONL（每行一个记录）' }], { name: 'format' });
  const recordType = select(Object.entries(RECORD_TYPES_FOR_IMPORT).map(([value, label]) => ({ value, label })), { name: 'recordType' });
  const register = checkbox('为尚未登记的主体临时登记', { name: 'registerSubjects', 'data-path': 'registerSubjects' }, '按行中的名称和代码临时登记，由市场监管部门补全；不勾选时，这些行列入驳回清单。');
  const button = h('button', { type: 'submit' }, '上传并导入');
  /** One key per chosen file and options: a retried click names the same import. */
  let idempotencyKey: string | undefined;
  const form = h(
    'form',
    { class: 'panel', id: 'import-form', novalidate: true, 'aria-labelledby': 'import-form-title' },
    h('h2', { id: 'import-form-title' }, '导入文件'),
    h(
      'div',
      { class: 'form-grid' },
      field(file, { label: '文件', path: 'fileName', required: true, hint: 'CSV 可为 UTF-8（含或不含 BOM）或 GB18030/GBK 编码。' }),
      field(format, { label: '文件格式', path: 'format', required: true }),
      field(recordType, { label: '记录类型', path: 'recordType', hint: 'CSV 中未注明类型的行按此类型；许可文件按列名识别。' }),
    ),
    register.element,
    h('p', null, button),
  );
  file.addEventListener('change', () => {
    const name = file.files?.[0]?.name ?? '';
    if (/\.jsonl?$|\.ndjson$/i.test(name)) format.value = 'jsonl';
    else if (/\.csv$/i.test(name)) format.value = 'csv';
  });
  form.addEventListener('change', () => {
    idempotencyKey = undefined;
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const chosen = file.files?.[0];
    if (!chosen) return ctx.problem(new ApiProblem(400, '请选择要导入的文件。', [{ path: 'fileName', message: '请选择 CSV 或 JSONL 文件' }]), form);
    idempotencyKey ??= crypto.randomUUID();
    button.disabled = true;
    ctx.announce(`正在上传“${chosen.name}”…`);
    try {
      const opened = await ctx.api.post<{ importId: string; status: string; uploadUrl: string; expiresAt: string }>(
        '/v1/imports',
        { fileName: chosen.name, format: format.value, recordType: recordType.value, registerSubjects: register.box.checked },
        { 'Idempotency-Key': idempotencyKey },
      );
      const entry = { importId: opened.importId, fileName: chosen.name, openedAt: new Date().toISOString() };
      remember(ctx, entry);
      if (opened.status === 'waiting') {
        let res: Response;
        try {
          res = await fetch(opened.uploadUrl, { method: 'PUT', body: chosen });
        } catch {
          throw new ApiProblem(0, '文件上传失败：无法连接文件服务，请重试。');
        }
        if (!res.ok) throw new ApiProblem(res.status, `文件上传失败（${res.status}），请重试。`);
      }
      idempotencyKey = undefined;
      ctx.announce(`已上传“${chosen.name}”，正在导入…`);
      show(entry, true);
    } catch (error) {
      ctx.problem(explained(error, ctx.catalogue), form);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
