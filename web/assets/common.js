// Shared by the public pages: DOM building without innerHTML, the API call with readable Chinese errors,
// the names of codes (lists, departments, outcomes) and the site's settings (footer, plan links) from
// /catalogue.json (built from data/lists.json and the deployment's settings), badges and code spans.

/** Builds an element; children may be strings, nodes, arrays, or null/false (skipped). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Replaces an element's children (nested arrays flattened, null/false skipped). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An API failure as the user should read it. */
export class ApiError extends Error {
  constructor(status, message, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/**
 * GET a JSON resource of the API. `messages` gives the Chinese text for statuses the caller expects
 * (e.g. 404 for an unknown entity); 429, 5xx and network failures have fixed wording here.
 */
export function getJson(path, messages = {}) {
  return requestJson('GET', path, { messages });
}

/**
 * POST a JSON body to the API, with extra headers (e.g. Idempotency-Key); the answer's JSON, or an ApiError
 * worded as getJson words it. A 400's field errors are kept on the error (`fields`: path → message).
 */
export function postJson(path, body, { headers = {}, messages = {} } = {}) {
  return requestJson('POST', path, { body, headers, messages });
}

async function requestJson(method, path, { body, headers = {}, messages = {} }) {
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, '无法连接服务，请检查网络后重试。');
  }
  if (res.ok) return res.json();
  if (res.status === 429) {
    const seconds = Number.parseInt(res.headers.get('retry-after') ?? '', 10);
    const wait = Number.isFinite(seconds) && seconds > 0 ? `请在 ${seconds} 秒后重试` : '请稍后重试';
    throw new ApiError(429, `查询过于频繁，${wait}。为保障服务稳定，每个访问来源的查询次数有限制。`, seconds);
  }
  if (messages[res.status]) {
    const error = new ApiError(res.status, messages[res.status]);
    if (res.status === 400) error.fields = await problemFields(res);
    throw error;
  }
  if (res.status >= 500) throw new ApiError(res.status, '服务暂时不可用，请稍后再试。');
  throw new ApiError(res.status, `请求未能完成（状态码 ${res.status}）。`);
}

/** The failing fields a problem+json answer names (errors[].path), or an empty list. */
async function problemFields(res) {
  const problem = await res.json().catch(() => ({}));
  return Array.isArray(problem.errors) ? problem.errors.map((e) => e.path).filter(Boolean) : [];
}

let cataloguePromise;

/** The code → name tables; an empty catalogue if it cannot be loaded (codes are then shown as they are). */
export function loadCatalogue() {
  cataloguePromise ??= fetch('/catalogue.json')
    .then((res) => (res.ok ? res.json() : {}))
    .catch(() => ({}))
    .then((c) => ({ lists: c.lists ?? {}, departments: c.departments ?? {}, outcomes: c.outcomes ?? {}, site: c.site ?? {} }));
  return cataloguePromise;
}

/** Shows a message in a live region; `kind` is info, error or success. */
export function announce(region, message, kind = 'info') {
  region.textContent = '';
  region.className = `status status-${kind}`;
  region.hidden = !message;
  if (message) region.append(message instanceof Node ? message : document.createTextNode(message));
}

/** An ISO instant as Beijing time, e.g. 2026-11-22 18:45:03（北京时间）. */
export function beijingTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso ?? '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}（北京时间）`;
}

/**
 * The badge a list carries, by its kind and severity (a matter of display; checks are unchanged):
 * black and serious 严重失信名单, black and general 警示名录 (经营异常名录, 信用承诺失信), red 红名单.
 */
export function listBadge(list) {
  if (!list) return null;
  if (list.kind === 'red') return { text: '红名单', tone: 'red' };
  if (list.kind !== 'black') return null;
  if (list.severity === 'serious') return { text: '严重失信名单', tone: 'black' };
  if (list.severity === 'general') return { text: '警示名录', tone: 'warn' };
  return { text: '失信名单', tone: 'black' };
}

/** A plan's public page: /plans/{planId}, or /plans?plan={planId} where the site maps no such paths (site.planLinks). */
export function planHref(catalogue, planId) {
  const id = encodeURIComponent(planId);
  return catalogue?.site?.planLinks === 'query' ? `/plans?plan=${id}` : `/plans/${id}`;
}

/**
 * A credit report's page with its verification code: /report/{reportNo}?code=…, or /report?no=…&code=… where
 * the site maps no such paths (site.planLinks, as for plans). `origin` makes it absolute (the QR code's URL).
 */
export function reportHref(catalogue, reportNo, verificationCode, origin = '') {
  const no = encodeURIComponent(reportNo);
  const code = encodeURIComponent(verificationCode);
  return catalogue?.site?.planLinks === 'query' ? `${origin}/report?no=${no}&code=${code}` : `${origin}/report/${no}?code=${code}`;
}

/** Session storage key prefix the lookup page sets for a report it has just issued (the report page then says to keep its number and code). */
export const ISSUED_KEY = 'credit-report-issued:';

/** An identifier (credit code, plan or inspector id): never broken across lines. */
export const code = (text) => h('span', { class: 'code' }, text ?? '—');

/** A document number (文号): may wrap between characters of its text, as Chinese text does. */
export const docNo = (text) => h('span', { class: 'docno' }, text ?? '—');

/** A date cell: `<time>`, or — when there is none. */
export const dateCell = (d) => (d ? h('time', { datetime: d }, d) : '—');
/** A cell's main text with a smaller line under it (a basis, a content), when there is one. */
export const withNote = (main, label, note) => (note ? [main, h('span', { class: 'sub' }, `${label}：${note}`)] : main);
export const yuan = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });

/**
 * The cells and columns a record shows alike on the lookup and in an issued report: its department's and
 * list's Chinese names (with the list's badge), its plan, and the columns of a listing and of an inspection.
 */
export function recordCells(catalogue) {
  const department = (r) => catalogue.departments[r.department] ?? r.department;
  const listName = (r) => {
    const list = catalogue.lists[r.listCode];
    const badge = listBadge(list);
    return [list?.name ?? r.listCode ?? '—', badge ? h('span', { class: `tag tag-${badge.tone}` }, badge.text) : null];
  };
  const plan = (r) => (r.planId ? h('a', { href: planHref(catalogue, r.planId) }, r.planTitle ?? '抽查计划') : (r.planTitle ?? '—'));
  return {
    department,
    listing: [
      ['名单名称', listName],
      ['列入事由', (r) => withNote(r.title, '依据', r.legalBasis)],
      ['认定文号', (r) => docNo(r.documentNo)],
      ['认定部门', department],
      ['列入日期', (r) => dateCell(r.decidedOn), 'date'],
      ['移出或失效日期', (r) => dateCell(r.endsOn ?? r.validUntil), 'date'],
    ],
    inspection: [
      ['抽查计划', plan],
      ['检查结果', (r) => catalogue.outcomes[r.outcome] ?? r.outcome ?? '—'],
      ['文号', (r) => docNo(r.documentNo)],
      ['检查部门', department],
      ['检查日期', (r) => dateCell(r.decidedOn), 'date'],
    ],
  };
}

/**
 * A table of records, one column per `section.columns` entry ([label, cell builder, cell class]), with a
 * caption naming the section and its count. One element per cell, so that on narrow screens the label
 * (data-label) and the value are the cell's two columns.
 */
export function recordTable(section, records) {
  return h(
    'table',
    { class: 'records' },
    h('caption', { class: 'visually-hidden' }, `${section.title}，共 ${records.length} 条`),
    h('thead', {}, h('tr', {}, section.columns.map(([label, , cls]) => h('th', { scope: 'col', class: cls }, label)))),
    h('tbody', {}, records.map((r) => h('tr', { 'data-record': r.recordId }, section.columns.map(([label, cell, cls]) => h('td', { 'data-label': label, class: cls }, h('div', {}, cell(r))))))),
  );
}

/** Fills the footer's line for the hosting authority (主办单位) and contact from the site settings, when set. */
export async function siteFooter() {
  const line = document.getElementById('site-owner');
  if (!line) return;
  const { site } = await loadCatalogue();
  const parts = [site.owner && `主办单位：${site.owner}`, site.contact && `联系方式：${site.contact}`].filter(Boolean);
  line.textContent = parts.join('　');
  line.hidden = parts.length === 0;
}
