// 专项信用报告（无违法违规记录证明版）: one issued report, read back by its number and verification code
// (/report/{reportNo}?code=…, or /report?no=…&code=… where the site maps no such paths) exactly as issued,
// printable, with a QR code of that same address. Without a code the page is the verification form.
import { encodeQR } from './qr/index.js';
import { announce, ApiError, beijingTime, code, dateCell, docNo, fill, getJson, h, ISSUED_KEY, loadCatalogue, recordCells, recordTable, reportHref, siteFooter, yuan } from './common.js';

const status = document.getElementById('status');
const report = document.getElementById('report');
const form = document.getElementById('verify-form');
const noInput = document.getElementById('no');
const codeInput = document.getElementById('code');
const BASE_TITLE = document.title;
const REPORT_CODE = /^[A-Za-z0-9-]{1,32}$/;
const SVG = 'http://www.w3.org/2000/svg';

const KINDS = { enterprise: '企业', organization: '机关、事业单位及社会组织', person: '自然人' };
const row = (term, ...value) => h('div', {}, h('dt', {}, term), h('dd', {}, ...value));

/** The report an address names: its number (path or ?no=) and ?code=. */
function addressed(url) {
  const match = /^\/report\/([^/]+)$/.exec(url.pathname);
  let no = url.searchParams.get('no') ?? '';
  if (match) {
    try {
      no = decodeURIComponent(match[1]);
    } catch {
      no = match[1];
    }
  }
  return { no: no.trim(), code: (url.searchParams.get('code') ?? '').trim() };
}

// ---- the categories ------------------------------------------------------------------------------

function categories(catalogue) {
  const cells = recordCells(catalogue);
  const { department } = cells;
  return [
    {
      key: 'penalties',
      title: '行政处罚',
      scope: '依法公示的行政处罚（含简易程序作出的处罚），不含轻微违法和仅予警告的处罚',
      columns: [
        ['处罚事由', (r) => r.title],
        ['决定书文号', (r) => docNo(r.documentNo)],
        ['处罚依据', (r) => r.legalBasis ?? '—'],
        ['处罚内容', (r) => r.content ?? '—'],
        ['罚款金额', (r) => (typeof r.fineAmount === 'number' ? yuan.format(r.fineAmount) : '—'), 'num'],
        ['处罚机关', department],
        ['处罚决定日期', (r) => dateCell(r.decidedOn), 'date'],
      ],
    },
    {
      key: 'listings',
      title: '严重失信主体名单及经营异常名录',
      scope: '列入严重失信主体名单、经营异常名录和信用承诺失信记录的情况',
      columns: cells.listing,
    },
    {
      key: 'inspections',
      title: '抽查检查',
      scope: '双随机抽查中发现问题或无法联系等不合格的检查结果',
      columns: cells.inspection,
    },
  ];
}

// ---- the QR code ---------------------------------------------------------------------------------

/** The QR code of `text` as an SVG of one path (dark modules in horizontal runs), with the standard 4-module quiet zone. */
function qrSvg(text, label) {
  const rows = encodeQR(text, 'raw', { ecc: 'medium', border: 4 });
  const size = rows.length;
  let d = '';
  rows.forEach((cells, y) => {
    for (let x = 0; x < size; ) {
      if (!cells[x]) {
        x += 1;
        continue;
      }
      let run = 1;
      while (cells[x + run]) run += 1;
      d += `M${x} ${y}h${run}v1h-${run}z`;
      x += run;
    }
  });
  const el = (tag, attrs) => {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  };
  const svg = el('svg', { viewBox: `0 0 ${size} ${size}`, role: 'img', 'aria-label': label, 'shape-rendering': 'crispEdges', class: 'qr-code' });
  svg.append(el('rect', { width: size, height: size, fill: '#fff' }), el('path', { d, fill: '#000' }));
  return svg;
}

// ---- the report ----------------------------------------------------------------------------------

function conclusion(doc, groups) {
  const period = `${doc.period.from} 至 ${doc.period.to}`;
  if (doc.clean) {
    return h(
      'section',
      { class: 'conclusion conclusion-clean', 'aria-labelledby': 'conclusion-title' },
      h('h2', { id: 'conclusion-title' }, '无违法违规记录'),
      h('p', {}, `经查询，报告期间（${period}）内，本平台归集的下列部门信用信息中，该主体无行政处罚记录，未被列入严重失信主体名单、经营异常名录，无抽查检查不合格结果。`),
    );
  }
  const counts = groups.filter((g) => g.entries.length).map((g) => `${g.title} ${g.entries.length} 条`);
  return h(
    'section',
    { class: 'conclusion conclusion-found', 'aria-labelledby': 'conclusion-title' },
    h('h2', { id: 'conclusion-title' }, '报告期间内有以下记录'),
    h('p', {}, `经查询，报告期间（${period}）内，该主体有：${counts.join('，')}。各条记录详见下文。`),
  );
}

function summaryTable(groups) {
  return h(
    'table',
    { class: 'records tally' },
    h('caption', { class: 'visually-hidden' }, '各类记录条数'),
    h('thead', {}, h('tr', {}, ['类别', '查询范围', '条数'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      groups.map((g) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', 'data-label': '类别' }, g.title),
          h('td', { 'data-label': '查询范围' }, h('div', {}, g.scope)),
          h('td', { 'data-label': '条数', class: 'num' }, h('div', {}, g.entries.length ? `${g.entries.length} 条` : '无')),
        ),
      ),
    ),
  );
}

/** The object URL of the report's text, offered as a download. */
let download;

function renderReport(doc, catalogue, fresh) {
  const groups = categories(catalogue).map((c) => ({ ...c, entries: doc.sections[c.key] ?? [] }));
  const person = doc.subject.kind === 'person';
  const url = reportHref(catalogue, doc.reportNo, doc.verificationCode, location.origin);
  // The API writes a report as its canonical JSON, which parsing and writing again leaves byte for byte as it was.
  if (download) URL.revokeObjectURL(download);
  download = URL.createObjectURL(new Blob([JSON.stringify(doc)], { type: 'application/json' }));
  const title = h('h1', { id: 'report-title', tabindex: '-1' }, '专项信用报告', h('span', { class: 'edition' }, '（无违法违规记录证明版）'));
  const departments = doc.departments.map((d) => catalogue.departments[d] ?? d);
  fill(report,
    h(
      'header',
      { class: 'report-title' },
      h('p', { class: 'issuer' }, '信用联合奖惩平台'),
      title,
      h('p', { class: 'subject-line' }, doc.subject.name),
    ),
    h(
      'div',
      { class: `report-ids${fresh ? ' fresh' : ''}` },
      h(
        'div',
        {},
        h('dl', { class: 'ids' }, row('报告编号', code(doc.reportNo)), row('核验码', code(doc.verificationCode))),
        h(
          'p',
          { class: 'keep' },
          fresh ? '报告已出具。请妥善保存报告编号和核验码（可打印本页或下载报告原文）：' : '',
          '凭报告编号和核验码，任何人都可以在本平台“专项信用报告核验”中查看本报告原文；扫描本页二维码可直接打开。',
        ),
      ),
      h('figure', { class: 'qr' }, qrSvg(url, '本报告核验地址的二维码'), h('figcaption', {}, '扫码核验')),
    ),
    h(
      'section',
      { class: 'report-section', 'aria-labelledby': 'subject-title' },
      h('h2', { id: 'subject-title' }, '报告主体与期间'),
      h(
        'dl',
        { class: 'facts report-facts' },
        row('主体名称', doc.subject.name),
        row(person ? '公民身份号码' : '统一社会信用代码', code(doc.subject.id)),
        row('主体类型', KINDS[doc.subject.kind] ?? doc.subject.kind),
        row('报告期间', dateCell(doc.period.from), ' 至 ', dateCell(doc.period.to)),
        row('出具时间', h('time', { datetime: doc.issuedAt }, beijingTime(doc.issuedAt))),
        row('数据截至', h('time', { datetime: doc.dataAsOf }, beijingTime(doc.dataAsOf))),
      ),
    ),
    conclusion(doc, groups),
    summaryTable(groups),
    groups.map((g) =>
      h(
        'section',
        { class: 'report-section', id: `sec-${g.key}`, 'aria-labelledby': `sec-${g.key}-title` },
        h('h2', { id: `sec-${g.key}-title` }, g.title, h('span', { class: 'count' }, `${g.entries.length} 条`)),
        g.entries.length ? recordTable(g, g.entries) : h('p', { class: 'empty' }, `报告期间内无${g.title}记录。`),
      ),
    ),
    h(
      'section',
      { class: 'report-section', id: 'sec-departments', 'aria-labelledby': 'sec-departments-title' },
      h('h2', { id: 'sec-departments-title' }, '信息来源部门'),
      h('p', {}, `本报告覆盖以下 ${departments.length} 个部门归集至本平台的信用信息：${departments.join('、')}。`),
    ),
    h(
      'section',
      { class: 'report-section', id: 'sec-verify', 'aria-labelledby': 'sec-verify-title' },
      h('h2', { id: 'sec-verify-title' }, '核验信息'),
      h(
        'dl',
        { class: 'summary' },
        h('dt', {}, '核验地址'),
        h('dd', {}, h('span', { class: 'hash' }, url)),
        h('dt', {}, '报告指纹'),
        h('dd', {}, h('span', { class: 'hash block' }, doc.fingerprint)),
        h('dt', {}, '签名密钥编号'),
        h('dd', {}, code(doc.keyId)),
        h('dt', {}, '电子签名'),
        h('dd', {}, h('span', { class: 'hash block' }, doc.signature)),
      ),
      h(
        'p',
        { class: 'hint' },
        '报告指纹为报告内容（不含指纹、签名和密钥编号）规范化 JSON 的 SHA-256 摘要，电子签名由平台签名密钥对指纹作出。离线核验：下载报告原文，使用平台公布的签名公钥列表（',
        h('code', {}, '/v1/public/report-keys'),
        '）运行 ',
        h('code', {}, 'npm run verify-report -- --file 报告原文 --keys 公钥列表'),
        '。',
      ),
    ),
    h(
      'p',
      { class: 'note' },
      '说明：本报告依据各部门归集至本平台的信用信息，列明报告期间内作出且在出具时未被撤销、未经信用修复的记录。报告出具后内容不再改变；此后记录的变化不影响已出具的报告，需要时请重新出具。对报告所列记录有异议的，请向作出认定的部门提出（谁产生、谁负责）。',
      person ? '自然人的公民身份号码以脱敏形式显示。' : '',
    ),
    h(
      'p',
      { class: 'actions no-print' },
      h('button', { type: 'button', onclick: () => window.print() }, '打印报告'),
      h('a', { class: 'button secondary', href: download, download: `${doc.reportNo}.json` }, '下载报告原文（JSON）'),
    ),
  );
  report.hidden = false;
  return title;
}

// ---- the form and the address --------------------------------------------------------------------

/** The form's heading: the page's own (h1) when no report is shown, a second heading under the report's. */
function formHeading(level) {
  const current = document.getElementById('verify-title');
  const tag = `H${level}`;
  if (current.tagName === tag) return;
  current.replaceWith(h(tag.toLowerCase(), { id: 'verify-title' }, level === 1 ? '专项信用报告核验' : '核验其他报告'));
}

async function render() {
  const { no, code: verificationCode } = addressed(new URL(location.href));
  noInput.value = no;
  codeInput.value = verificationCode;
  if (!no || !verificationCode) {
    report.hidden = true;
    formHeading(1);
    document.title = BASE_TITLE;
    announce(status, no ? '请输入该报告的核验码。' : '');
    return;
  }
  if (!REPORT_CODE.test(no) || !REPORT_CODE.test(verificationCode)) {
    report.hidden = true;
    formHeading(1);
    announce(status, '报告编号或核验码格式不正确：只能包含字母、数字和连字符，最长 32 位。', 'error');
    return;
  }
  announce(status, '正在核验报告…');
  let doc;
  let catalogue;
  try {
    [doc, catalogue] = await Promise.all([
      getJson(`/v1/public/reports/${encodeURIComponent(no)}?code=${encodeURIComponent(verificationCode)}`, {
        400: '报告编号或核验码格式不正确：只能包含字母、数字和连字符，最长 32 位。',
        404: '报告编号或核验码不正确，未找到相符的信用报告。请核对报告上印的报告编号和核验码后重新输入（字母不区分大小写）。',
      }),
      loadCatalogue(),
    ]);
  } catch (error) {
    report.hidden = true;
    formHeading(1);
    document.title = BASE_TITLE;
    announce(status, error instanceof ApiError ? error.message : '报告核验失败，请稍后再试。', 'error');
    return;
  }
  // The address as the QR code has it (the report's own number and code), whatever was typed.
  const canonical = reportHref(catalogue, doc.reportNo, doc.verificationCode);
  if (`${location.pathname}${location.search}` !== canonical) history.replaceState(null, '', canonical);
  const fresh = sessionStorage.getItem(ISSUED_KEY + doc.reportNo) !== null;
  sessionStorage.removeItem(ISSUED_KEY + doc.reportNo);
  const title = renderReport(doc, catalogue, fresh);
  formHeading(2);
  // The form below the report is for another one.
  noInput.value = '';
  codeInput.value = '';
  document.title = `专项信用报告 ${doc.reportNo} — ${BASE_TITLE}`;
  announce(
    status,
    fresh
      ? h('span', {}, '信用报告已出具：报告编号 ', code(doc.reportNo), '，核验码 ', code(doc.verificationCode), '。请妥善保存报告编号和核验码。')
      : h('span', {}, '核验成功：报告编号 ', code(doc.reportNo), ' 为本平台出具的专项信用报告，以下为出具时的原文。'),
    'success',
  );
  title.focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const no = noInput.value.trim();
  const verificationCode = codeInput.value.trim();
  const empty = !no ? noInput : !verificationCode ? codeInput : undefined;
  if (empty) {
    announce(status, `请输入${empty === noInput ? '报告编号' : '核验码'}。`, 'error');
    empty.focus();
    return;
  }
  history.pushState(null, '', reportHref(await loadCatalogue(), no, verificationCode));
  await render();
});

window.addEventListener('popstate', () => void render());

void siteFooter();
void render();
