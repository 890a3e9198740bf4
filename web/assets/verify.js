// 双随机抽查结果核验: fetches a plan's public document (or, with a token, its full document), or takes a
// pasted one, checks it in the browser with draw.js, and shows 一致 or the first difference.
import { announce, ApiError, code, fill, getJson, h, loadCatalogue, planHref, siteFooter } from './common.js';
import { isFull, sampleSize, STRATA, verifyPlan } from './draw.js';

const planForm = document.getElementById('plan-form');
const planInput = document.getElementById('plan');
const tokenInput = document.getElementById('token');
const docForm = document.getElementById('doc-form');
const docInput = document.getElementById('doc');
const fileInput = document.getElementById('doc-file');
const status = document.getElementById('status');
const outcome = document.getElementById('outcome');
const verdict = document.getElementById('verdict');
const MAX_ROWS = 500;

const STEPS = {
  shape: ['文档格式', '计划文档包含核验所需的字段'],
  seed: ['种子承诺', 'SHA-256(种子) 与抽取前公布的种子承诺一致'],
  tickets: ['签号', '每个抽取对象的签号按种子和计划编号重新计算一致，且按签号升序排列'],
  size: ['样本量', '抽取总数与公布的各类名录规模和抽查比例一致'],
  population: ['名录哈希', '冻结名录的 SHA-256 与公布的名录哈希及各类哈希一致，且无主体重复'],
  sample: ['抽取对象', '按签号重新抽取的对象、类别和签号与公布结果逐条一致'],
  teams: ['检查组', '按签号重新组成的检查组与公布结果逐条一致'],
  results: ['检查结果', '公布的检查结果均属于抽取对象'],
};
const ORDER = {
  public: ['shape', 'seed', 'tickets', 'size', 'population', 'sample', 'teams', 'results'],
  full: ['shape', 'seed', 'population', 'sample', 'teams', 'results'],
};
// What only the full document allows: the public one lists no strata and no roster.
const FULL_ONLY = new Set(['population', 'sample', 'teams']);

const percent = (ratio) => `${Math.round(ratio * 10000) / 100}%`;

/** A step's detail with its SHA-256 digests set apart as hashes. */
const withHashes = (text) => String(text).split(/([0-9a-f]{64})/).map((part, i) => (i % 2 ? h('span', { class: 'hash' }, part) : part));

function busy(on) {
  for (const button of document.querySelectorAll('button')) button.disabled = on;
}

async function run(doc, source) {
  busy(true);
  outcome.hidden = true;
  announce(status, `正在重新计算${source}…`);
  try {
    const started = performance.now();
    let lastShown = 0;
    const result = await verifyPlan(doc, (done, total) => {
      if (total > 2000 && performance.now() - lastShown > 250) {
        lastShown = performance.now();
        announce(status, `正在计算签号… ${done} / ${total}`);
      }
    });
    await show(doc, result);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const headline = { match: '核验完成：一致', mismatch: '核验完成：发现不一致', pending: '核验完成：该计划尚未抽取' }[result.status];
    announce(status, `${headline}（用时 ${seconds} 秒）`, result.status === 'mismatch' ? 'error' : 'success');
  } catch (error) {
    announce(status, `核验未能完成：${error instanceof Error ? error.message : String(error)}`, 'error');
  } finally {
    busy(false);
  }
}

function verdictDetail(result) {
  if (result.status === 'mismatch') return `第一处差异：${result.difference}`;
  if (result.status === 'pending') return result.difference;
  const n = result.recomputed.length;
  return result.level === 'full'
    ? `依据完整文档重新计算的 ${n} 个抽取对象及其检查组与公布结果完全一致。`
    : `公开文档核验一致：种子与承诺相符，${n} 个抽取对象的签号逐条一致，样本量与各类名录规模相符。公开文档不含分类名录，完整重算抽取对象和检查组需使用完整文档（计划部门或审计人员凭令牌获取）。`;
}

async function show(doc, result) {
  const catalogue = await loadCatalogue();
  verdict.className = `verdict verdict-${result.status}`;
  document.getElementById('verdict-title').textContent = {
    match: '核验结论：一致',
    mismatch: '核验结论：不一致',
    pending: '核验结论：尚未抽取',
  }[result.status];
  document.getElementById('verdict-detail').textContent = verdictDetail(result);

  const done = new Map(result.steps.map((s) => [s.key, s]));
  fill(document.getElementById('checks'),
    ...ORDER[result.level].map((key) => {
      const [label, meaning] = STEPS[key];
      const step = done.get(key);
      const state = step ? (step.ok ? 'pass' : 'fail') : 'skip';
      const mark = { pass: '✓', fail: '✗', skip: '—' }[state];
      const spoken = { pass: '通过', fail: '不一致', skip: '未核验' }[state];
      const detail =
        step?.detail ??
        (result.level === 'public' && FULL_ONLY.has(key)
          ? '公开文档不含分类名录和检查人员名录，此项需凭完整文档核验'
          : key === 'seed' && doc?.seed === undefined && result.steps.length > 1
            ? '种子尚未公布'
            : '前一步未通过或尚未抽取，未进行此项核验');
      return h(
        'li',
        { class: state, 'data-step': key },
        h('span', { class: 'mark', 'aria-hidden': 'true' }, mark),
        h('span', {}, h('strong', {}, label), `：${meaning}`, h('span', { class: 'visually-hidden' }, `（${spoken}）`)),
        h('span', { class: 'detail' }, withHashes(detail)),
      );
    }),
  );

  const summary = document.getElementById('summary');
  summary.replaceChildren();
  if (result.steps[0]?.ok) {
    const full = isFull(doc);
    const size = (s) => (full ? doc.strata[s].length : doc.strataSizes[s]);
    const row = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];
    summary.append(
      ...row('文档类型', full ? '完整文档（含分类名录，可重算全部抽取）' : '公开文档（不含分类名录）'),
      ...row('计划编号', code(doc.planId), ' ', h('a', { href: planHref(catalogue, doc.planId) }, '查看计划公示')),
      ...(typeof doc.title === 'string' ? row('计划名称', doc.title) : []),
      ...row('参与部门', doc.departments.map((d) => catalogue.departments[d] ?? d).join('、')),
      ...row('抽查比例', STRATA.map((s) => `${s} 类 ${percent(doc.ratios[s])}（名录 ${size(s)}，抽取 ${sampleSize(doc.ratios[s], size(s))}）`).join('；')),
      ...row('免予抽查', `${full ? doc.exempt.length : doc.strataSizes.exempt} 个主体`),
      ...row('检查组人数', full ? `${doc.teamSize} 人（检查人员名录 ${doc.inspectors.length} 人）` : `${doc.teamSize} 人`),
      ...row('种子', doc.seed === undefined ? '尚未公布' : h('span', { class: 'docno' }, doc.seed)),
      ...row('种子承诺', h('span', { class: 'hash block' }, doc.seedCommitment)),
      ...row('名录哈希', h('span', { class: 'hash block' }, doc.populationHash)),
    );
  }
  fill(document.getElementById('sample'), sampleTable(doc, result));
  outcome.hidden = false;
}

function sampleTable(doc, result) {
  if (!result.recomputed) return '';
  const full = result.level === 'full';
  const published = Array.isArray(doc.sample) ? doc.sample : [];
  const headers = full ? ['序号', '主体代码', '类别', '签号', '检查组', '与公布结果比对'] : ['序号', '主体代码', '签号（重新计算）', '检查组（公布）', '签号比对'];
  // Each cell carries its column's name, which narrow screens show beside the value.
  const cell = (column, attrs, ...content) => h('td', { ...attrs, 'data-label': headers[column] }, h('div', {}, ...content));
  const rows = result.recomputed.slice(0, MAX_ROWS).map((r, i) => {
    const p = published[i];
    // A public entry is checked by its own ticket and by its place in ticket order.
    const inOrder = i === 0 || !published[i - 1] || published[i - 1].ticket < p?.ticket;
    const same = full
      ? p && p.subjectId === r.subjectId && p.stratum === r.stratum && p.ticket === r.ticket && JSON.stringify(p.team) === JSON.stringify(r.team)
      : p && p.ticket === r.ticket && inOrder;
    const problem = !p ? '✗ 未公布' : full ? `✗ 公布为 ${p.subjectId}` : p.ticket !== r.ticket ? '✗ 签号不符' : '✗ 未按签号排序';
    const verdictCell = same ? h('span', { class: 'ok-mark' }, '✓ 一致') : h('span', { class: 'bad-mark' }, problem);
    return h(
      'tr',
      { class: same ? undefined : 'row-bad' },
      cell(0, { class: 'num' }, i + 1),
      cell(1, {}, code(r.subjectId)),
      full ? cell(2, {}, r.stratum) : null,
      cell(full ? 3 : 2, {}, h('span', { class: 'hash', title: r.ticket }, `${r.ticket.slice(0, 16)}…`)),
      cell(full ? 4 : 3, {}, r.team ? r.team.join('、') : full ? `未组成（合格 ${r.eligible} 人）` : '未组成'),
      cell(full ? 5 : 4, {}, verdictCell),
    );
  });
  return h(
    'div',
    {},
    h('h3', {}, full ? `重新计算的抽取结果（${result.recomputed.length} 个，按签号升序）` : `公布的抽取结果（${result.recomputed.length} 个，按签号升序）`),
    h(
      'table',
      { class: 'records' },
      h('thead', {}, h('tr', {}, headers.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows),
    ),
    result.recomputed.length > MAX_ROWS ? h('p', { class: 'hint' }, `仅显示前 ${MAX_ROWS} 个；核验已覆盖全部 ${result.recomputed.length} 个。`) : '',
  );
}

/** The full document, with a token of a plan department or an auditor; the token is never stored. */
async function fullDocument(planId, token) {
  let res;
  try {
    res = await fetch(`/v1/plans/${encodeURIComponent(planId)}/population`, { headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError(0, '无法连接服务，请检查网络后重试。');
  }
  if (res.ok) return res.json();
  const messages = {
    400: '计划编号格式不正确，请核对后重试。',
    401: '令牌无效或已过期，请重新获取令牌。',
    403: '该令牌无权查看此计划的完整文档（仅限计划部门与审计人员）。',
    404: '未找到该抽查计划，请核对计划编号。',
  };
  throw new ApiError(res.status, messages[res.status] ?? (res.status >= 500 ? '服务暂时不可用，请稍后再试。' : `请求未能完成（状态码 ${res.status}）。`));
}

async function verifyPlanId(planId, token) {
  planInput.value = planId;
  announce(status, token ? '正在获取计划完整文档…' : '正在获取计划文档…');
  outcome.hidden = true;
  let doc;
  try {
    doc = token
      ? await fullDocument(planId, token)
      : await getJson(`/v1/public/plans/${encodeURIComponent(planId)}`, {
          400: '计划编号格式不正确，请核对后重试。',
          404: '未找到该抽查计划，请核对计划编号。',
        });
  } catch (error) {
    announce(status, error instanceof ApiError ? error.message : '计划文档获取失败，请稍后再试。', 'error');
    return;
  }
  await run(doc, `计划 ${planId}`);
}

planForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const planId = planInput.value.trim();
  if (!planId) {
    announce(status, '请输入抽查计划编号。', 'error');
    planInput.focus();
    return;
  }
  history.pushState(null, '', `/verify?plan=${encodeURIComponent(planId)}`);
  void verifyPlanId(planId, tokenInput.value.trim());
});

fileInput.addEventListener('change', async () => {
  const file = fileInput.files?.[0];
  if (file) docInput.value = await file.text();
});

docForm.addEventListener('submit', (event) => {
  event.preventDefault();
  let doc;
  try {
    doc = JSON.parse(docInput.value);
  } catch (error) {
    // The parser's own message is the browser's, in English: the position is what a person can use.
    announce(status, '不是有效的 JSON 文档，请检查粘贴的内容是否完整。', 'error');
    docInput.focus();
    return;
  }
  void run(doc, '粘贴的计划文档');
});

function fromUrl() {
  const planId = new URLSearchParams(location.search).get('plan');
  if (planId) void verifyPlanId(planId, tokenInput.value.trim());
}

window.addEventListener('popstate', fromUrl);
void siteFooter();
if (!globalThis.crypto?.subtle) {
  announce(status, '本浏览器不支持网页加密接口（须通过 HTTPS 安全连接访问），无法在本机核验。', 'error');
} else {
  fromUrl();
}
