import { ApiProblem, type FieldError } from '../api.ts';
import { code, fill, h, uid } from '../dom.ts';
import { field } from '../forms.ts';
import { FORCES, LIST_KINDS, MEASURE_KINDS, nameOf } from '../labels.ts';
import { confirmForm } from '../parts/confirm-form.ts';
import { inChinese } from '../parts/explain.ts';
import type { ScreenContext } from '../screen.ts';

/**
 * 备忘录目录: every joint reward-punishment memorandum of the current catalogue (GET /v1/memoranda) with its
 * target lists and measures (kind, force, departments, matters, legal basis) and version. An admin publishes
 * a new version by editing a memorandum as JSON (PUT /v1/memoranda/{code}); the answer's field errors are
 * listed under the editor. An auditor reads.
 */

interface Measure {
  code: string;
  kind: string;
  force: string;
  departments: string[];
  matters: string[];
  content: string;
  legalBasis: string;
}
interface Memorandum {
  code: string;
  title: string;
  documentNo: string | null;
  issuedOn: string;
  leadDepartment: string;
  targetLists: string[];
  measures: Measure[];
  version: number;
}

export async function renderMemoranda(ctx: ScreenContext) {
  const { catalogueVersion, memoranda } = await ctx.api.get<{ catalogueVersion: number; memoranda: Memorandum[] }>('/v1/memoranda');
  if (ctx.signal.aborted) return;
  const version = h('span', null, String(catalogueVersion));
  const admin = ctx.can('admin');
  ctx.root.append(
    h('p', { class: 'lead' }, '联合奖惩备忘录及其措施：核查时按主体所在名单、本部门和办理事项返回这些措施。', admin ? '修订备忘录即发布新版本，数秒内用于新的核查；此前的版本保持不变。' : '本页只读。'),
    h('p', { class: 'muted' }, `目录版本 `, version, `，共 ${memoranda.length} 份备忘录。`),
    h('nav', { class: 'toc', 'aria-label': '备忘录' }, memoranda.map((m) => h('a', { href: `#memo-${m.code}`, onclick: (e: Event) => jump(e, m.code) }, m.title))),
    ...memoranda.map((m) => memorandumSection(ctx, m, (v) => (version.textContent = String(v)))),
  );
  ctx.announce(`已读取 ${memoranda.length} 份备忘录（目录版本 ${catalogueVersion}）。`);
}

/** The table of contents moves focus to the memorandum without changing the route (the hash is the router's). */
function jump(event: Event, code: string) {
  event.preventDefault();
  const target = document.getElementById(`memo-${code}`)?.querySelector<HTMLElement>('h2');
  target?.focus();
  target?.scrollIntoView({ block: 'start' });
}

function memorandumSection(ctx: ScreenContext, initial: Memorandum, onCatalogue: (version: number) => void) {
  let memo = initial;
  const section = h('section', { class: 'panel memorandum', id: `memo-${memo.code}`, 'data-memorandum': memo.code });
  const editorArea = h('div', { class: 'memo-editor' });
  const titleId = uid('memo');
  const draw = () => {
    fill(
      section,
      h('h2', { id: titleId, tabindex: '-1' }, memo.title, h('span', { class: 'tag tag-state memo-version' }, `第 ${memo.version} 版`)),
      h(
        'dl',
        { class: 'facts plan-facts' },
        h('div', null, h('dt', null, '编号'), h('dd', null, code(memo.code))),
        h('div', null, h('dt', null, '文号'), h('dd', { class: 'docno' }, memo.documentNo ?? '（未确认）')),
        h('div', null, h('dt', null, '印发日期'), h('dd', null, memo.issuedOn)),
        h('div', null, h('dt', null, '牵头部门'), h('dd', null, ctx.catalogue.departmentName(memo.leadDepartment))),
        h(
          'div',
          null,
          h('dt', null, '所涉名单'),
          h(
            'dd',
            null,
            memo.targetLists.map((l, i) => {
              const list = ctx.catalogue.lists.find((x) => x.code === l);
              return [i ? '、' : '', ctx.catalogue.listName(l), list ? h('span', { class: `tag tag-${list.kind}` }, LIST_KINDS[list.kind]!) : null];
            }),
          ),
        ),
      ),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'records memo-measures' },
          h('caption', null, `措施（${memo.measures.length} 项）`),
          h('thead', null, h('tr', null, ['编号', '措施', '类别', '实施部门', '适用事项', '法律依据'].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            null,
            memo.measures.map((m) =>
              h(
                'tr',
                null,
                h('td', { 'data-label': '编号' }, code(m.code)),
                h('td', { 'data-label': '措施' }, m.content),
                h('td', { 'data-label': '类别' }, `${nameOf(MEASURE_KINDS, m.kind)} · ${nameOf(FORCES, m.force)}`),
                h('td', { 'data-label': '实施部门' }, m.departments.map((d) => ctx.catalogue.departmentName(d)).join('、')),
                h('td', { 'data-label': '适用事项' }, m.matters.map((x) => ctx.catalogue.matterName(x)).join('、')),
                h('td', { 'data-label': '法律依据' }, m.legalBasis),
              ),
            ),
          ),
        ),
      ),
      ctx.can('admin')
        ? h('p', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', 'data-edit': memo.code, onclick: openEditor }, '修订（发布新版本）', h('span', { class: 'visually-hidden' }, `：${memo.title}`)))
        : null,
      editorArea,
    );
  };

  function openEditor() {
    const { version: _version, ...content } = memo;
    const text = h('textarea', { name: 'memorandum', rows: '18', spellcheck: 'false', class: 'mono-input' });
    text.value = JSON.stringify(content, null, 2);
    const errors = h('div', { class: 'memo-errors' });
    let parsed: unknown;
    const form = confirmForm(ctx, {
      title: `修订：${memo.title}`,
      fields: [
        h('p', { class: 'hint' }, '以 JSON 编辑备忘录：title、documentNo、issuedOn、leadDepartment、targetLists 和 measures（code、kind、force、departments、matters、content、legalBasis）。名单、部门、事项须为目录中的代码。'),
        field(text, { label: '备忘录内容（JSON）', path: 'memorandum', required: true }),
        errors,
      ],
      next: '检查并发布',
      confirm: '确认发布新版本',
      check: (): FieldError[] => {
        errors.replaceChildren();
        try {
          parsed = JSON.parse(text.value);
        } catch (error) {
          return [{ path: 'memorandum', message: `不是有效的 JSON：${(error as Error).message}` }];
        }
        return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? [] : [{ path: 'memorandum', message: '应为一个 JSON 对象' }];
      },
      summary: () => h('p', null, `将发布备忘录 ${memo.code} 的新版本（当前第 ${memo.version} 版）。发布后数秒内新的核查按新版本返回措施，已作出的核查不受影响。`),
      send: async () => {
        let saved: Memorandum;
        try {
          saved = await ctx.api.put<Memorandum>(`/v1/memoranda/${encodeURIComponent(memo.code)}`, parsed);
        } catch (error) {
          if (error instanceof ApiProblem && error.errors.length) {
            const listed = error.errors.map((e) => ({ path: e.path, message: inChinese(e.message, ctx.catalogue) }));
            fill(errors, h('p', { class: 'field-error' }, '以下内容需要修改：'), h('ul', { class: 'problem-fields' }, listed.map((e) => h('li', null, h('code', null, e.path), '：', e.message))));
            // The whole JSON is the field: every path is inside it.
            throw new ApiProblem(error.status, error.message, listed.map((e) => ({ path: 'memorandum', message: `${e.path}：${e.message}` })), error.requestId);
          }
          throw error;
        }
        const changed = saved.version !== memo.version;
        memo = saved;
        editorArea.replaceChildren();
        draw();
        if (changed) {
          const list = await ctx.api.get<{ catalogueVersion: number }>('/v1/memoranda').catch(() => undefined);
          if (list) onCatalogue(list.catalogueVersion);
        }
        ctx.announce(changed ? `已发布 ${saved.code} 第 ${saved.version} 版。` : `内容没有变化，${saved.code} 仍为第 ${saved.version} 版。`, 'success');
        document.getElementById(titleId)?.focus();
      },
      onCancel: () => {
        editorArea.replaceChildren();
        section.querySelector<HTMLElement>('[data-edit]')?.focus();
      },
    });
    fill(editorArea, form);
    text.focus();
  }

  draw();
  return section;
}
