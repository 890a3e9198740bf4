// 双随机抽查计划公示（一公开）: the list of plans (/plans, from GET /v1/public/plans, newest first, a page at
// a time) and one plan (/plans/{planId}, or /plans?plan={planId} where the site maps no such paths): its scope,
// departments, strata sizes, sample with teams and published results, and a link that re-checks the draw in
// this browser (/verify?plan=…).
import { announce, ApiError, beijingTime, code, fill, getJson, h, loadCatalogue, planHref, siteFooter } from './common.js';
import { sampleSize, STRATA } from './draw.js';

const listView = document.getElementById('list-view');
const planList = document.getElementById('plan-list');
const emptyNote = document.getElementById('plan-empty');
const more = document.getElementById('more');
const planView = document.getElementById('plan-view');
const status = document.getElementById('status');
const BASE_TITLE = document.title;
const PAGE_SIZE = 20;
const MAX_ROWS = 500;

const MODES = { routine: '日常抽查（A 类及红名单主体免予抽查）', 'key-item': '重点检查事项（不设免查）' };
const STRATUM_NAMES = { A: 'A 类（低风险）', B: 'B 类（一般风险）', C: 'C 类（较高风险）', D: 'D 类（高风险）' };
const percent = (ratio) => `${Math.round(ratio * 10000) / 100}%`;
const count = (n) => (typeof n === 'number' ? n.toLocaleString('zh-CN') : '—');
const departmentNames = (catalogue, codes) => (codes ?? []).map((d) => catalogue.departments[d] ?? d).join('、');

/** The plan an address names: /plans/{planId} or /plans?plan={planId}; undefined for the list. */
function planIdOf(url) {
  const match = /^\/plans\/([^/]+)$/.exec(url.pathname);
  if (match) {
    try {
      return decodeURIComponent(match[1]);
    } catch {
      return match[1];
    }
  }
  return url.searchParams.get('plan') || undefined;
}

// ---- the list ----------------------------------------------------------------------------------

let nextCursor;

function scopeText(scope) {
  const parts = [];
  if (scope?.regionPrefix) parts.push(`行政区划代码 ${scope.regionPrefix} 开头`);
  if (scope?.industryPrefix) parts.push(`行业代码 ${scope.industryPrefix} 开头`);
  return parts.length ? parts.join('，') : '全部在册企业';
}

function planItem(catalogue, plan) {
  const href = planHref(catalogue, plan.planId);
  const population = STRATA.reduce((sum, s) => sum + (plan.strataSizes?.[s] ?? 0), 0);
  return h(
    'li',
    {},
    h('a', { class: 'plan-title', href }, plan.title),
    h(
      'dl',
      { class: 'plan-meta' },
      h('div', {}, h('dt', {}, '参与部门'), h('dd', {}, departmentNames(catalogue, plan.departments))),
      h('div', {}, h('dt', {}, '公布时间'), h('dd', {}, plan.createdAt ? h('time', { datetime: plan.createdAt }, beijingTime(plan.createdAt)) : '—')),
      h('div', {}, h('dt', {}, '抽取'), h('dd', {}, plan.drawnAt ? ['已于 ', h('time', { datetime: plan.drawnAt }, beijingTime(plan.drawnAt)), ' 抽取'] : '尚未抽取')),
      h('div', {}, h('dt', {}, '名录 / 抽取'), h('dd', {}, `${count(population)} 户 / ${plan.drawnAt ? `${count(plan.sampleSize)} 户` : `应抽 ${count(plan.sampleSize)} 户`}`)),
      h('div', {}, h('dt', {}, '已公示结果'), h('dd', {}, `${count(plan.resultCount ?? 0)} 户`)),
    ),
  );
}

async function loadPlans(first) {
  more.disabled = true;
  announce(status, first ? '正在加载抽查计划…' : '正在加载更多计划…');
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (!first && nextCursor) query.set('cursor', nextCursor);
  try {
    const [page, catalogue] = await Promise.all([getJson(`/v1/public/plans?${query}`, { 404: '抽查计划公示暂未开放，请稍后再试。' }), loadCatalogue()]);
    const items = (page.plans ?? []).map((plan) => planItem(catalogue, plan));
    if (first) fill(planList, items);
    else planList.append(...items);
    nextCursor = page.nextCursor;
    more.hidden = !nextCursor;
    emptyNote.hidden = planList.children.length > 0;
    const shown = planList.children.length;
    announce(status, shown ? `已显示 ${shown} 个抽查计划${nextCursor ? '，还有更多' : ''}。` : '暂无公示的抽查计划。', 'success');
    // Keyboard users continue at the first plan just loaded.
    if (!first) items[0]?.querySelector('a')?.focus();
  } catch (error) {
    announce(status, error instanceof ApiError ? error.message : '抽查计划加载失败，请稍后再试。', 'error');
  } finally {
    more.disabled = false;
  }
}

more.addEventListener('click', () => void loadPlans(false));

// ---- one plan ----------------------------------------------------------------------------------

const row = (term, ...value) => h('div', {}, h('dt', {}, term), h('dd', {}, ...value));
/** A table cell named by its column (shown beside the value on narrow screens), its content one element. */
const cell = (label, cls, ...content) => h('td', { 'data-label': label, class: cls }, h('div', {}, ...content));

function strataTable(doc) {
  const rows = STRATA.map((s) => {
    const size = doc.strataSizes?.[s] ?? 0;
    const ratio = doc.ratios?.[s] ?? 0;
    return h(
      'tr',
      {},
      h('th', { scope: 'row', 'data-label': '类别' }, STRATUM_NAMES[s]),
      cell('名录数量', 'num', `${count(size)} 户`),
      cell('抽查比例', 'num', percent(ratio)),
      cell('应抽数量', 'num', `${count(sampleSize(ratio, size))} 户`),
    );
  });
  rows.push(
    h(
      'tr',
      {},
      h('th', { scope: 'row', 'data-label': '类别' }, '免予抽查'),
      cell('名录数量', 'num', `${count(doc.strataSizes?.exempt ?? 0)} 户`),
      cell('抽查比例', 'num', '—'),
      cell('应抽数量', 'num', '—'),
    ),
  );
  return h(
    'table',
    { class: 'records' },
    h('caption', { class: 'visually-hidden' }, '各类名录数量与抽查比例'),
    h('thead', {}, h('tr', {}, ['类别', '名录数量', '抽查比例', '应抽数量'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows),
  );
}

function sampleTable(catalogue, doc) {
  const results = new Map((doc.results ?? []).map((r) => [r.subjectId, r]));
  const rows = doc.sample.slice(0, MAX_ROWS).map((entry, i) => {
    const result = results.get(entry.subjectId);
    return h(
      'tr',
      {},
      cell('序号', 'num', i + 1),
      cell('抽查对象', undefined, h('a', { href: `/?id=${encodeURIComponent(entry.subjectId)}` }, code(entry.subjectId))),
      cell('签号', undefined, h('span', { class: 'hash', title: entry.ticket }, `${entry.ticket.slice(0, 12)}…`)),
      cell('检查组', undefined, entry.team ? entry.team.map((id, k) => [k ? '、' : '', code(id)]) : '未组成（合格检查人员不足）'),
      h(
        'td',
        { 'data-label': '检查结果' },
        result
          ? [catalogue.outcomes[result.outcome] ?? result.outcome, h('span', { class: 'sub' }, '检查日期 ', h('time', { datetime: result.inspectedOn }, result.inspectedOn))]
          : h('span', { class: 'muted' }, '尚未公示'),
      ),
    );
  });
  return [
    h(
      'table',
      { class: 'records' },
      h('caption', { class: 'visually-hidden' }, `抽取对象、检查组与检查结果，共 ${doc.sample.length} 户`),
      h('thead', {}, h('tr', {}, ['序号', '抽查对象', '签号', '检查组（检查人员编号）', '检查结果'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows),
    ),
    doc.sample.length > MAX_ROWS ? h('p', { class: 'hint' }, `仅显示前 ${MAX_ROWS} 户；全部 ${doc.sample.length} 户可在“抽查结果核验”中逐一核对。`) : null,
  ];
}

async function showPlan(planId) {
  listView.hidden = true;
  planView.hidden = true;
  announce(status, '正在加载抽查计划…');
  let doc;
  let catalogue;
  try {
    [doc, catalogue] = await Promise.all([
      getJson(`/v1/public/plans/${encodeURIComponent(planId)}`, {
        400: '计划编号格式不正确，请核对后重试。',
        404: '未找到该抽查计划，请核对计划编号，或从计划列表中选择。',
      }),
      loadCatalogue(),
    ]);
  } catch (error) {
    announce(status, error instanceof ApiError ? error.message : '抽查计划加载失败，请稍后再试。', 'error');
    fill(planView, h('nav', { class: 'crumbs', 'aria-label': '返回' }, h('a', { href: '/plans' }, '← 全部抽查计划')));
    planView.hidden = false;
    return;
  }

  const drawn = Array.isArray(doc.sample);
  const resultCount = doc.results?.length ?? 0;
  const title = h('h1', { id: 'plan-title', tabindex: '-1' }, doc.title ?? doc.planId);
  const verifyHref = `/verify?plan=${encodeURIComponent(doc.planId)}`;
  fill(planView,
    h('nav', { class: 'crumbs', 'aria-label': '返回' }, h('a', { href: '/plans' }, '← 全部抽查计划')),
    h(
      'header',
      { class: 'report-head' },
      h(
        'div',
        {},
        title,
        h(
          'dl',
          { class: 'facts plan-facts' },
          row('计划编号', code(doc.planId)),
          row('参与部门', departmentNames(catalogue, doc.departments)),
          row('抽查范围', scopeText(doc.scope)),
          row('抽查方式', MODES[doc.mode] ?? doc.mode ?? '—'),
          row('检查组人数', `每组 ${doc.teamSize} 人`),
          row('抽取', drawn && doc.drawnAt ? h('time', { datetime: doc.drawnAt }, beijingTime(doc.drawnAt)) : '尚未抽取'),
        ),
      ),
      h('a', { class: 'button', href: verifyHref }, '在浏览器中核验抽取'),
    ),
    h(
      'section',
      { class: 'report-section', 'aria-labelledby': 'sec-strata-title' },
      h('h2', { id: 'sec-strata-title' }, '抽查名录与比例'),
      strataTable(doc),
      h('p', { class: 'hint' }, '名录在计划公布时冻结。风险分类为内部监管参考，只公布各类数量，不公布哪个主体属于哪一类。'),
    ),
    h(
      'section',
      { class: 'report-section', 'aria-labelledby': 'sec-commitment-title' },
      h('h2', { id: 'sec-commitment-title' }, '种子与承诺'),
      h(
        'dl',
        { class: 'summary' },
        h('dt', {}, '种子承诺'),
        h('dd', {}, h('span', { class: 'hash block' }, doc.seedCommitment)),
        h('dt', {}, '种子'),
        h('dd', {}, doc.seed === undefined ? '抽取时公布' : h('span', { class: 'docno' }, doc.seed)),
        h('dt', {}, '名录哈希'),
        h('dd', {}, h('span', { class: 'hash block' }, doc.populationHash)),
      ),
      h('p', { class: 'hint' }, '种子承诺是种子的 SHA-256 摘要，于抽取前公布；抽取时公布的种子须与之相符，抽取结果由种子和冻结的名录唯一确定。'),
    ),
    h(
      'section',
      { class: 'report-section', id: 'sec-sample', 'aria-labelledby': 'sec-sample-title' },
      h('h2', { id: 'sec-sample-title' }, drawn ? `抽取对象与检查结果（${doc.sample.length} 户，已公示结果 ${resultCount} 户）` : '抽取对象与检查结果'),
      drawn
        ? doc.sample.length
          ? sampleTable(catalogue, doc)
          : h('p', { class: 'empty' }, '本计划未抽取到对象。')
        : h('p', { class: 'empty' }, '本计划尚未抽取。抽取时将公布种子、抽取对象和检查组。'),
    ),
    h('p', { class: 'note' }, '核验：“抽查结果核验”按公开的抽取算法，在您的浏览器中重新计算种子承诺、每个抽取对象的签号和样本量。', h('a', { href: verifyHref }, '核验本计划的抽取')),
  );
  planView.hidden = false;
  document.title = `${doc.title ?? doc.planId} — ${BASE_TITLE}`;
  announce(status, drawn ? `已打开抽查计划“${doc.title}”：抽取 ${doc.sample.length} 户，已公示结果 ${resultCount} 户。` : `已打开抽查计划“${doc.title}”：尚未抽取。`, 'success');
  title.focus();
}

// ---- the address decides ---------------------------------------------------------------------------

const planId = planIdOf(new URL(location.href));
void siteFooter();
if (planId) {
  void showPlan(planId);
} else {
  listView.hidden = false;
  void loadPlans(true);
}
