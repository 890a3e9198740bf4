// 公共信用信息查询: search → results → an entity's public credit report, from which a 专项信用报告 is issued
// (出具信用报告, opening /report/{reportNo}?code=…) and on whose records an objection or a repair application
// is filed (petitions.js). The URL names what is shown (/?q=… for a search, /?id=…
// for a report) so a report can be linked — except for natural persons, whose full identity number never goes
// into the URL or onto the page (it is kept in memory only, and sent only in the body of the issue request).
import { announce, ApiError, beijingTime, code, dateCell, docNo, fill, getJson, h, ISSUED_KEY, loadCatalogue, postJson, recordCells, recordTable, reportHref, siteFooter, withNote, yuan } from './common.js';
import { chinaToday, newKey, objectionTag, petitionCell } from './petitions.js';

const form = document.getElementById('search-form');
const input = document.getElementById('q');
const status = document.getElementById('status');
const resultsPanel = document.getElementById('results');
const resultList = document.getElementById('result-list');
const report = document.getElementById('report');
const BASE_TITLE = document.title;

const KINDS = { enterprise: '企业', organization: '机关、事业单位及社会组织', person: '自然人' };
const STATUSES = { active: '存续', revoked: '吊销', cancelled: '注销' };

const normalise = (q) => q.trim().replace(/[\s-]+/g, '').toUpperCase();

/** A resident identity number (GB 11643): such a query must never reach the URL. */
function isResidentId(code) {
  if (!/^\d{6}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/.test(code)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(code[i]), 0);
  return '10X98765432'[sum % 11] === code[17];
}

/** The last search, so a person's results and report can be shown again without the number in the URL. */
let lastSearch;
let personId;

// ---- navigation ------------------------------------------------------------------------------

function go(url, state = null) {
  history.pushState(state, '', url);
  void render();
}

/** Follows a link in the page unless the user asked for a new tab or window. */
function follow(event, url, state) {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  go(url, state);
}

async function render() {
  const params = new URLSearchParams(location.search);
  const state = history.state;
  if (params.get('id')) return showReport(params.get('id'), false);
  if (params.get('q')) return runSearch(params.get('q'));
  if (state?.view === 'person-report' && personId) return showReport(personId, true);
  if (state?.view === 'person-search' && lastSearch) return showResults(lastSearch);
  resultsPanel.hidden = true;
  report.hidden = true;
  announce(status, '');
  document.title = BASE_TITLE;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const q = input.value.trim();
  if ([...q.replace(/\s+/g, '')].length < 2) {
    announce(status, '请输入名称中的至少 2 个字，或完整的统一社会信用代码。', 'error');
    input.focus();
    return;
  }
  if (isResidentId(normalise(q))) {
    // The number is the user's own input: search with it, but keep it out of the URL and history.
    personId = normalise(q);
    input.value = '';
    history.pushState({ view: 'person-search' }, '', '/');
    void runSearch(q);
  } else {
    go(`/?q=${encodeURIComponent(q)}`);
  }
});

window.addEventListener('popstate', () => void render());
// Back from a report just issued, the page may come back as it was left (the back-forward cache): ready for another.
window.addEventListener('pageshow', (event) => {
  const button = document.getElementById('issue-button');
  if (!event.persisted || !button) return;
  button.disabled = false;
  announce(status, '');
});

// ---- search ----------------------------------------------------------------------------------

async function runSearch(q) {
  const person = isResidentId(normalise(q));
  if (!person) input.value = q;
  report.hidden = true;
  announce(status, '正在查询…');
  try {
    const { results } = await getJson(`/v1/public/search?q=${encodeURIComponent(q)}`, {
      400: '查询条件不符合要求：请输入名称中的至少 2 个字，或完整的统一社会信用代码、公民身份号码（含校验位）。',
    });
    showResults({ q: person ? undefined : q, person, results });
  } catch (error) {
    resultsPanel.hidden = true;
    announce(status, error instanceof ApiError ? error.message : '查询失败，请稍后再试。', 'error');
  }
}

/** The query's characters marked where they occur in a name. */
function highlight(name, q) {
  const needle = q?.replace(/\s+/g, '');
  const at = needle ? name.indexOf(needle) : -1;
  if (at < 0) return name;
  return [name.slice(0, at), h('mark', {}, needle), name.slice(at + needle.length)];
}

function showResults(search) {
  lastSearch = search;
  document.title = `查询结果 — ${BASE_TITLE}`;
  fill(resultList,
    ...search.results.map((r) => {
      const isPerson = r.kind === 'person';
      const href = isPerson ? '/' : `/?id=${encodeURIComponent(r.id)}`;
      const state = isPerson ? { view: 'person-report' } : null;
      return h(
        'li',
        {},
        h(
          'a',
          { href, onclick: (e) => follow(e, href, state) },
          h('span', { class: 'name' }, highlight(r.name, search.q)),
          h('span', { class: 'meta' }, `${KINDS[r.kind] ?? r.kind} · ${isPerson ? '公民身份号码' : '统一社会信用代码'} `, code(r.id)),
        ),
      );
    }),
  );
  resultsPanel.hidden = search.results.length === 0;
  if (search.results.length === 0) {
    announce(status, search.person ? '未找到该公民身份号码对应的公示信息。' : `未找到与“${search.q}”匹配的企业或机构。请核对名称，或输入完整的统一社会信用代码。`);
  } else {
    const note = search.person ? '（为保护个人信息，身份号码已从输入框清除，仅以脱敏形式显示）' : '';
    announce(status, `找到 ${search.results.length} 个主体${search.results.length === 20 ? '（最多显示 20 个，请输入更完整的名称缩小范围）' : ''}。${note}`, 'success');
  }
}

// ---- report ----------------------------------------------------------------------------------

/** Columns of each section: header, cell builder, cell class. */
function sections(catalogue) {
  const cells = recordCells(catalogue);
  const { department } = cells;
  return [
    {
      type: 'licence',
      title: '行政许可',
      empty: '暂无公示的行政许可信息。',
      columns: [
        ['许可名称', (r) => withNote(r.title, '许可内容', r.content)],
        ['许可文号', (r) => docNo(r.documentNo)],
        ['许可机关', department],
        ['许可日期', (r) => dateCell(r.decidedOn), 'date'],
        ['失效日期', (r) => (r.validUntil ? dateCell(r.validUntil) : '长期有效'), 'date'],
      ],
    },
    {
      type: 'penalty',
      title: '行政处罚',
      empty: '暂无公示的行政处罚信息。',
      columns: [
        ['处罚事由', (r) => r.title],
        ['决定书文号', (r) => docNo(r.documentNo)],
        ['处罚依据', (r) => r.legalBasis ?? '—'],
        ['处罚内容', (r) => r.content ?? '—'],
        ['罚款金额', (r) => (typeof r.fineAmount === 'number' ? yuan.format(r.fineAmount) : '—'), 'num'],
        ['处罚机关', department],
        ['处罚决定日期', (r) => dateCell(r.decidedOn), 'date'],
        ['停止公示日期', (r) => dateCell(r.publicUntil), 'date'],
      ],
    },
    {
      type: 'listing',
      title: '名单',
      empty: '未列入公示的红名单或黑名单。',
      columns: cells.listing,
    },
    {
      type: 'inspection',
      title: '检查结果',
      empty: '暂无公示的抽查检查结果。',
      columns: cells.inspection,
    },
  ];
}

// ---- issuing a credit report (专项信用报告) --------------------------------------------------------

/** The service's default period: from the day after the same date three years before `to` (29 February → 28th), to `to`. */
function defaultPeriod(to) {
  const [y, m, d] = to.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y - 3, m, 0)).getUTCDate();
  const start = new Date(Date.UTC(y - 3, m - 1, Math.min(d, lastDay) + 1));
  return { from: start.toISOString().slice(0, 10), to };
}

/**
 * The "出具信用报告" control: the period (default the last three years) and the button, which POSTs
 * /v1/public/reports with an Idempotency-Key and opens the new report's page. The button is disabled while a
 * request is under way (a double click sends one request), and a retry of the same request after a failure
 * sends the same key, so the service answers it with the report it may already have issued, never a second.
 */
function issueControl(subjectId, catalogue) {
  const today = chinaToday();
  const defaults = defaultPeriod(today);
  const from = h('input', { id: 'issue-from', name: 'from', type: 'date', value: defaults.from, max: today, 'aria-describedby': 'issue-hint' });
  const to = h('input', { id: 'issue-to', name: 'to', type: 'date', value: defaults.to, max: today, 'aria-describedby': 'issue-hint' });
  const button = h('button', { type: 'submit', id: 'issue-button' }, '出具信用报告');
  let pending;
  const refuse = (message, field) => {
    announce(status, message, 'error');
    field?.focus();
  };
  const onSubmit = async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    if (!from.value || !to.value) return refuse('请选择报告期间的起止日期。', !from.value ? from : to);
    if (to.value > today) return refuse(`报告期间的截止日期不能晚于今日（${today}）。`, to);
    if (from.value > to.value) return refuse('报告期间的起始日期不能晚于截止日期。', from);
    const body = { subjectId, ...(from.value === defaults.from && to.value === defaults.to ? {} : { from: from.value, to: to.value }) };
    const request = JSON.stringify(body);
    if (pending?.request !== request) pending = { request, key: newKey() };
    button.disabled = true;
    announce(status, '正在出具信用报告…');
    try {
      const issued = await postJson('/v1/public/reports', body, {
        headers: { 'Idempotency-Key': pending.key },
        messages: {
          400: '报告期间不符合要求：起止日期须为有效日期，起始日期不能晚于截止日期，截止日期不能晚于今日。',
          404: '未找到该主体，无法出具信用报告。',
        },
      });
      pending = undefined;
      sessionStorage.setItem(ISSUED_KEY + issued.reportNo, '1');
      announce(status, h('span', {}, '信用报告已出具：报告编号 ', code(issued.reportNo), '，核验码 ', code(issued.verificationCode), '。正在打开报告…'), 'success');
      location.assign(reportHref(catalogue, issued.reportNo, issued.verificationCode));
    } catch (error) {
      // A request the service refused (other than for its rate) is not retried as it was: a new click is a new request.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) pending = undefined;
      announce(status, error instanceof ApiError ? error.message : '信用报告出具失败，请稍后再试。', 'error');
      button.disabled = false;
    }
  };
  return h(
    'section',
    { class: 'issue no-print', 'aria-labelledby': 'issue-title' },
    h('h3', { id: 'issue-title' }, '出具专项信用报告'),
    h(
      'p',
      { class: 'hint' },
      '专项信用报告（无违法违规记录证明版）列明报告期间内的行政处罚、严重失信主体名单和经营异常名录、抽查检查不合格结果，可替代各部门分别开具的无违法违规证明。报告带有报告编号和核验码，接收方可凭其在本平台核验。',
    ),
    h(
      'form',
      { id: 'issue-form', novalidate: true, onsubmit: onSubmit },
      h('div', { class: 'pair' }, h('div', {}, h('label', { for: 'issue-from' }, '报告期间起'), from), h('div', {}, h('label', { for: 'issue-to' }, '报告期间止'), to), button),
      h('p', { class: 'hint', id: 'issue-hint' }, '默认为最近三年（含今日）；起止日期均包含在内，截止日期不能晚于今日。'),
    ),
    h('p', { class: 'hint' }, '已有报告？', h('a', { href: '/report' }, '核验已出具的信用报告')),
  );
}

/**
 * A section with the 异议处理中 tag in its first column and a last column offering 提出异议 and 申请信用修复,
 * whose forms open below the section's table (`area`). A filed objection tags its row at once.
 */
function withPetitions(section, subjectId) {
  const area = h('div', { class: 'petition-area no-print', id: `petition-${section.type}` });
  const [first, ...rest] = section.columns;
  const [label, cell, cls] = first;
  const tagged = (r) => [cell(r), r.underObjection ? objectionTag() : null];
  const onObjection = (record) => {
    record.underObjection = true;
    const row = document.querySelector(`tr[data-record="${record.recordId}"] td`);
    if (row && !row.querySelector('.objection-open')) row.firstChild.append(objectionTag());
  };
  return {
    ...section,
    area,
    columns: [[label, tagged, cls], ...rest, ['异议与修复', (r) => petitionCell(r, { subjectId, area, status, onObjection }), 'petition-cell no-print']],
  };
}

function backLink() {
  if (!lastSearch) return h('a', { href: '/', onclick: (e) => follow(e, '/') }, '← 新的查询');
  if (lastSearch.person) return h('a', { href: '/', onclick: (e) => follow(e, '/', { view: 'person-search' }) }, '← 返回查询结果');
  const href = `/?q=${encodeURIComponent(lastSearch.q)}`;
  return h('a', { href, onclick: (e) => follow(e, href) }, `← 返回“${lastSearch.q}”的查询结果`);
}

async function showReport(id, isPerson) {
  resultsPanel.hidden = true;
  announce(status, '正在加载信用报告…');
  let entity;
  let catalogue;
  try {
    [entity, catalogue] = await Promise.all([
      getJson(`/v1/public/entities/${encodeURIComponent(id)}`, {
        400: '代码格式不正确：请核对统一社会信用代码或公民身份号码（包括最后一位校验位）。',
        404: '未找到该主体。请核对代码，或通过名称查询。',
      }),
      loadCatalogue(),
    ]);
  } catch (error) {
    report.hidden = true;
    announce(status, error instanceof ApiError ? error.message : '信用报告加载失败，请稍后再试。', 'error');
    return;
  }

  const groups = sections(catalogue).map((s) => withPetitions(s, id)).map((s) => ({ ...s, records: entity.records.filter((r) => r.type === s.type) }));
  const person = isPerson || entity.kind === 'person';
  const title = h('h2', { id: 'report-title', tabindex: '-1' }, entity.name);
  fill(report,
    h('nav', { class: 'crumbs', 'aria-label': '返回' }, backLink()),
    h(
      'header',
      { class: 'report-head' },
      h(
        'div',
        {},
        h('p', { class: 'print-only' }, person ? '个人公共信用信息报告' : '公共信用信息报告'),
        title,
        h(
          'dl',
          { class: 'facts' },
          h('div', {}, h('dt', {}, person ? '公民身份号码' : '统一社会信用代码'), h('dd', {}, code(entity.id))),
          h('div', {}, h('dt', {}, '主体类型'), h('dd', {}, KINDS[entity.kind] ?? entity.kind)),
          // A natural person has no registration (登记) to be in force: the status is an enterprise's.
          person ? null : h('div', {}, h('dt', {}, '登记状态'), h('dd', {}, STATUSES[entity.status] ?? entity.status)),
          h('div', {}, h('dt', {}, '数据截至'), h('dd', {}, h('time', { datetime: entity.dataAsOf }, beijingTime(entity.dataAsOf)))),
        ),
      ),
      h('button', { type: 'button', class: 'secondary no-print', onclick: () => window.print() }, '打印报告'),
    ),
    issueControl(id, catalogue),
    h(
      'nav',
      { class: 'toc', 'aria-label': '报告目录' },
      groups.map((g) => h('a', { href: `#sec-${g.type}` }, `${g.title}（${g.records.length}）`)),
    ),
    groups.map((g) =>
      h(
        'section',
        { class: 'report-section', id: `sec-${g.type}`, 'aria-labelledby': `sec-${g.type}-title` },
        h('h3', { id: `sec-${g.type}-title` }, g.title, h('span', { class: 'count' }, `${g.records.length} 条`)),
        g.records.length ? recordTable(g, g.records) : h('p', { class: 'empty' }, g.empty),
        g.area,
      ),
    ),
    h(
      'p',
      { class: 'note' },
      '说明：本报告仅包含依法公示的信用信息，公示期满、已信用修复或已撤销的记录不再显示。本报告不含风险分类等内部监管信息。',
      person ? '本人的公民身份号码以脱敏形式显示，住址、联系方式等个人信息不予公示。' : '',
    ),
    h('p', { class: 'print-only' }, `打印时间：${beijingTime(new Date().toISOString())}　数据截至：${beijingTime(entity.dataAsOf)}`),
  );
  report.hidden = false;
  document.title = `${entity.name} 信用报告 — ${BASE_TITLE}`;
  const total = entity.records.length;
  announce(status, `已打开“${entity.name}”的信用报告，共 ${total} 条公示信息。`, 'success');
  title.focus();
}

void siteFooter();
void render();
