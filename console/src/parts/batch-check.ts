import { ApiProblem } from '../api.ts';
import { code, fill, h } from '../dom.ts';
import { clearFieldErrors, field, select } from '../forms.ts';
import { VERDICTS } from '../labels.ts';
import type { ScreenContext } from '../screen.ts';
import { href } from '../screen.ts';
import { verdictBadge, type CheckAnswer } from './check-view.ts';

/** The most ids one POST /v1/checks/batch takes (API.md); a longer list is sent in several. */
export const BATCH_SIZE = 100;
/** The most ids the screen takes at once. */
const LIST_MAX = 5000;

/**
 * The subject ids of a pasted or uploaded list: one per line or separated by commas, semicolons, tabs or
 * spaces; a CSV's header and other cells that cannot be an id (anything with a character no id has) are
 * left out. Upper-cased, hyphens removed, as the service normalises them; repeated ids checked once.
 */
export function subjectIdsOf(text: string): string[] {
  const ids = text
    .split(/[\s,;，；、|"']+/)
    .map((t) => t.replace(/-/g, '').toUpperCase())
    .filter((t) => /^[0-9A-Z]{15,20}$/.test(t));
  return [...new Set(ids)];
}

export function batchSection(ctx: ScreenContext, matters: { value: string; label: string }[]) {
  const matter = select(matters, { name: 'matter' }, '请选择事项');
  const list = h('textarea', { name: 'subjectIds', rows: '8', spellcheck: 'false', class: 'mono-input' });
  const file = h('input', { type: 'file', accept: '.txt,.csv,text/plain,text/csv' });
  const button = h('button', { type: 'submit' }, '批量核查');
  const results = h('div', { id: 'batch-results' });
  const form = h(
    'form',
    { class: 'panel', id: 'batch-form', novalidate: true, 'aria-labelledby': 'batch-title' },
    h('h2', { id: 'batch-title' }, '批量核查'),
    h('p', { class: 'hint' }, `粘贴主体代码清单（每行一个，或以逗号、空格分隔），或选择 TXT / CSV 文件。每次请求最多 ${BATCH_SIZE} 个，更长的清单分批提交。`),
    h('div', { class: 'form-grid' }, field(matter, { label: '办理事项', path: 'matter', required: true }), field(file, { label: '从文件读取清单', hint: 'UTF-8 编码的 TXT 或 CSV；读取后显示在下方，可再修改。' })),
    field(list, { label: '主体代码清单', path: 'subjectIds', required: true }),
    h('p', null, button),
    results,
  );
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    const text = await chosen.text();
    const ids = subjectIdsOf(text);
    list.value = ids.join('\n');
    ctx.announce(`已从文件“${chosen.name}”读取 ${ids.length} 个主体代码。`);
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const ids = subjectIdsOf(list.value);
    if (ids.length === 0) return ctx.problem(new ApiProblem(400, '请填写要核查的主体代码。', [{ path: 'subjectIds', message: '清单中没有可识别的统一社会信用代码或身份证号' }]), form);
    if (ids.length > LIST_MAX) return ctx.problem(new ApiProblem(400, `一次最多核查 ${LIST_MAX} 个主体。`, [{ path: 'subjectIds', message: `清单有 ${ids.length} 个主体代码` }]), form);
    if (!matter.value) return ctx.problem(new ApiProblem(400, '请选择办理事项。', [{ path: 'matter', message: '必填' }]), form);
    button.disabled = true;
    const answers: CheckAnswer[] = [];
    try {
      for (let start = 0; start < ids.length; start += BATCH_SIZE) {
        const chunk = ids.slice(start, start + BATCH_SIZE);
        ctx.announce(`正在核查第 ${start + 1}–${start + chunk.length} 个，共 ${ids.length} 个…`);
        try {
          const { results: part } = await ctx.api.post<{ results: CheckAnswer[] }>('/v1/checks/batch', { matter: matter.value, subjectIds: chunk });
          answers.push(...part);
        } catch (error) {
          // An id the service refuses is named by its place in this request: say which id it is.
          if (error instanceof ApiProblem) {
            const errors = error.errors.map((e) => {
              const m = /^subjectIds\.(\d+)$/.exec(e.path);
              return m ? { path: 'subjectIds', message: `${chunk[Number(m[1])]}：${e.message}` } : e;
            });
            throw new ApiProblem(error.status, answers.length ? `${error.message}已完成前 ${answers.length} 个主体的核查，结果见下表。` : error.message, errors, error.requestId, error.detail);
          }
          throw error;
        }
      }
      ctx.announce(`批量核查完成：共 ${answers.length} 个主体，${summary(answers)}。`, 'success');
    } catch (error) {
      ctx.problem(error, form);
    } finally {
      button.disabled = false;
      if (answers.length) fill(results, resultTable(ctx, answers));
    }
  });
  return form;
}

function summary(answers: CheckAnswer[]): string {
  return Object.entries(VERDICTS)
    .map(([verdict, v]) => `${v.label} ${answers.filter((a) => a.verdict === verdict).length} 个`)
    .join('，');
}

function resultTable(ctx: ScreenContext, answers: CheckAnswer[]) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'records batch-results' },
      h('caption', null, `批量核查结果（${answers.length} 个主体：${summary(answers)}）`),
      h('thead', null, h('tr', null, ['主体代码', '名称', '结论', '名单记录', '奖惩措施', '核查记录'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        null,
        answers.map((a) =>
          h(
            'tr',
            null,
            h('td', { 'data-label': '主体代码' }, code(a.subject.id)),
            h('td', { 'data-label': '名称' }, a.subject.name ?? (a.subject.known ? '' : '未登记')),
            h('td', { 'data-label': '结论' }, verdictBadge(a.verdict)),
            h('td', { 'data-label': '名单记录', class: 'num' }, String(a.hitCount ?? a.hits.length)),
            h('td', { 'data-label': '奖惩措施', class: 'num' }, String(a.measures.length)),
            h('td', { 'data-label': '核查记录' }, h('a', { href: href(`checks/${encodeURIComponent(a.checkId)}`) }, a.measures.length ? '查看并反馈' : '查看', h('span', { class: 'visually-hidden' }, ` ${a.subject.name ?? a.subject.id}`))),
          ),
        ),
      ),
    ),
  );
}
