// 办理进度: an objection (/track?objection=<id>&code=…) or a repair application (/track?application=<id>&code=…)
// as its filer follows it — status, filed at, due by, and the decision with its reason once decided. What the
// service answers here carries no contact details; the page shows nothing else of the filer either.
import { announce, ApiError, beijingTime, code, fill, getJson, h, siteFooter } from './common.js';

const form = document.getElementById('track-form');
const idInput = document.getElementById('track-id');
const codeInput = document.getElementById('track-code');
const status = document.getElementById('status');
const result = document.getElementById('result');
const BASE_TITLE = document.title;

const KINDS = {
  objection: {
    noun: '异议',
    idLabel: '异议编号',
    path: (id, c) => `/v1/public/objections/${encodeURIComponent(id)}?code=${encodeURIComponent(c)}`,
    decisions: { upheld: '维持（记录不变）', corrected: '更正（记录已更正）', retracted: '撤销（记录已撤销公示）' },
  },
  application: {
    noun: '信用修复申请',
    idLabel: '申请编号',
    path: (id, c) => `/v1/public/repair-applications/${encodeURIComponent(id)}?code=${encodeURIComponent(c)}`,
    decisions: { approved: '准予修复（记录已停止公示）', rejected: '不予修复' },
  },
};

const chinaToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const tidy = (v) => (v ?? '').trim().replace(/\s+/g, '');
const kindOfForm = () => form.querySelector('input[name="kind"]:checked')?.value ?? 'objection';

function fromAddress() {
  const params = new URLSearchParams(location.search);
  for (const kind of Object.keys(KINDS)) if (params.get(kind)) return { kind, id: tidy(params.get(kind)), code: tidy(params.get('code')) };
  return undefined;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const kind = kindOfForm();
  const id = tidy(idInput.value);
  const c = tidy(codeInput.value);
  if (!id || !c) {
    announce(status, '请输入编号和查询码。', 'error');
    (!id ? idInput : codeInput).focus();
    return;
  }
  history.pushState(null, '', `/track?${kind}=${encodeURIComponent(id)}&code=${encodeURIComponent(c)}`);
  void render();
});
window.addEventListener('popstate', () => void render());

const fact = (label, value) => h('div', {}, h('dt', {}, label), h('dd', {}, value));

async function render() {
  const wanted = fromAddress();
  if (!wanted) {
    result.hidden = true;
    announce(status, '');
    document.title = BASE_TITLE;
    return;
  }
  const spec = KINDS[wanted.kind];
  form.querySelector(`input[name="kind"][value="${wanted.kind}"]`).checked = true;
  idInput.value = wanted.id;
  codeInput.value = wanted.code;
  if (!wanted.code) {
    result.hidden = true;
    announce(status, '请输入查询码。', 'error');
    codeInput.focus();
    return;
  }
  announce(status, '正在查询…');
  let p;
  try {
    p = await getJson(spec.path(wanted.id, wanted.code), {
      400: '编号或查询码格式不正确：应为字母、数字或连字符，不超过 32 位。',
      404: `未找到该${spec.noun}，或查询码不正确。请核对${spec.idLabel}和查询码（提交成功时显示）。`,
    });
  } catch (error) {
    result.hidden = true;
    document.title = BASE_TITLE;
    announce(status, error instanceof ApiError ? error.message : '查询失败，请稍后再试。', 'error');
    return;
  }
  const decided = p.status === 'decided';
  const late = !decided && p.dueBy < chinaToday();
  const state = decided ? h('span', { class: 'tag state-decided' }, '已办结') : h('span', { class: 'tag state-open' }, '办理中');
  const title = h('h2', { id: 'result-title', tabindex: '-1' }, `${spec.noun}办理进度`);
  fill(
    result,
    title,
    h(
      'dl',
      { class: 'facts' },
      fact(spec.idLabel, code(wanted.kind === 'objection' ? p.objectionId : p.applicationId)),
      fact('办理状态', [state, late ? h('span', { class: 'tag state-late' }, '已超过办理期限') : null]),
      fact('提交时间', h('time', { datetime: p.filedAt }, beijingTime(p.filedAt))),
      fact('办理期限', h('time', { datetime: p.dueBy }, p.dueBy)),
      p.commitmentCode ? fact('守信承诺编号', code(p.commitmentCode)) : null,
      decided && p.decidedAt ? fact('办结时间', h('time', { datetime: p.decidedAt }, beijingTime(p.decidedAt))) : null,
    ),
    decided
      ? h('section', { class: 'decision', 'aria-labelledby': 'decision-title' }, h('h3', { id: 'decision-title' }, `处理结果：${spec.decisions[p.decision] ?? p.decision}`), h('p', {}, '理由：', p.note ?? '—'))
      : h('p', { class: 'hint' }, `作出认定的部门将在办理期限（${p.dueBy}）前作出处理，请届时再次查询。`),
    h('p', { class: 'note' }, '本页不显示提交时留下的联系方式。对处理结果有疑问的，请联系作出认定的部门。'),
  );
  result.hidden = false;
  document.title = `${spec.noun}办理进度 — ${BASE_TITLE}`;
  announce(status, `已查到${spec.noun}：${decided ? `已办结，处理结果为“${spec.decisions[p.decision] ?? p.decision}”` : '办理中'}。`, 'success');
  title.focus();
}

void siteFooter();
void render();
