import { ApiProblem } from '../api.ts';
import { code, fill, h, uid } from '../dom.ts';
import { formatInstant, IMPORT_COUNTS, IMPORT_STATUSES, nameOf } from '../labels.ts';
import type { ScreenContext } from '../screen.ts';
import { inChinese } from './explain.ts';

/**
 * An import's progress (GET /v1/imports/{importId}), read every second until it is done or failed: its
 * status, its counts, the reason of a failure, and the reject file — linked, and its first lines shown.
 */

export const RECORD_TYPES_FOR_IMPORT: Record<string, string> = { penalty: '行政处罚', licence: '行政许可' };

export interface ImportView {
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
export interface Remembered {
  importId: string;
  fileName: string;
  openedAt: string;
}
const POLL_MS = 1000;
const REJECTS_SHOWN = 50;
export function importPanel(entry: Remembered) {
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
export async function follow(ctx: ScreenContext, entry: Remembered, panel: HTMLElement, focus: boolean) {
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
