import { ApiProblem } from '../api.ts';
import { h } from '../dom.ts';
import { clearFieldErrors, field, select } from '../forms.ts';
import { checkbox } from '../parts/controls.ts';
import { explained } from '../parts/explain.ts';
import { follow, importPanel, RECORD_TYPES_FOR_IMPORT, type Remembered } from '../parts/import-progress.ts';
import type { ScreenContext } from '../screen.ts';

/**
 * 数据导入: a file of records (双公示 CSV or JSONL) imported for the caller's department. POST /v1/imports
 * opens the import (with an Idempotency-Key, so a retried click opens no second one), the file goes to its
 * pre-signed uploadUrl by a plain PUT (no Authorization header: not through ctx.api), then
 * GET /v1/imports/{importId} is read until the job is done or failed, showing its counts and the reject
 * file. The imports opened in this session are remembered (sessionStorage) and shown again.
 */

const REMEMBERED = 10;
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
