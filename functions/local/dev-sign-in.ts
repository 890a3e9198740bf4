import type { IncomingMessage, ServerResponse } from 'node:http';
import lists from '#catalogue/lists.json' with { type: 'json' };
import { ROLES, type Role } from '../domain/roles.ts';
import { CONTENT_SECURITY_POLICY } from '../web-pages.ts';
import { signToken } from './tokens.ts';

/**
 * The development sign-in of the local console, served by the local gateway only (never in web/, never in
 * what CDK synthesizes: test/infra checks it): choose a department, roles and a name, and a local token
 * signed with the runtime's secret is handed to the console — in the body of the POST's answer, which a
 * script of this page stores in sessionStorage before going to /console. The token never enters a URL.
 */
export const DEV_SIGN_IN_PATH = '/dev/sign-in';
const SCRIPT_PATH = '/dev/sign-in.js';
/** The console's sessionStorage key (console/src/session.ts). */
const TOKEN_KEY = 'credit-console-token';

const ROLE_NAMES: Record<Role, string> = {
  recorder: '信息录入（recorder）',
  checker: '信用核查（checker）',
  planner: '抽查计划（planner）',
  inspector: '检查人员（inspector）',
  auditor: '信用主管，全市只读（auditor）',
  admin: '系统管理（admin）',
};

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const SUB = /^[A-Za-z0-9._@-]{1,64}$/;

function page(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)} — 部门工作台（本地开发）</title>
<link rel="stylesheet" href="/console/console.css">
${head}
</head>
<body class="console">
<a class="skip-link" href="#main">跳到主要内容</a>
<header class="site-header"><div class="wrap"><span class="brand"><span class="emblem" aria-hidden="true">信</span><span><strong>部门工作台</strong><small>本地开发登录 · 仅本地服务提供</small></span></span></div></header>
<main id="main" tabindex="-1">${body}</main>
</body>
</html>`;
}

function form(errors: string[] = [], values: { dept?: string; roles?: string[]; sub?: string } = {}): string {
  const depts = lists.departments
    .map((d) => `<option value="${escape(d.code)}"${d.code === (values.dept ?? 'APPROVAL') ? ' selected' : ''}>${escape(d.name)}（${escape(d.code)}）</option>`)
    .join('');
  const chosen = values.roles ?? ['checker'];
  const roles = ROLES.map(
    (r) => `<div class="choice"><input type="checkbox" name="roles" value="${r}" id="role-${r}"${chosen.includes(r) ? ' checked' : ''}><label for="role-${r}">${ROLE_NAMES[r]}</label></div>`,
  ).join('');
  const problems = errors.length ? `<div class="status status-error" role="alert"><ul>${errors.map((e) => `<li>${escape(e)}</li>`).join('')}</ul></div>` : '';
  return page(
    '开发登录',
    `<section class="panel" aria-labelledby="title">
<h1 id="title">开发登录</h1>
<p class="lead">本地开发环境签发本地令牌（与 <code>npm run token</code> 相同的密钥）。部署环境使用统一身份认证，不提供此页面。</p>
${problems}
<form method="post" action="${DEV_SIGN_IN_PATH}">
<div class="field"><label for="dept">部门</label><select id="dept" name="dept">${depts}</select></div>
<fieldset><legend>角色</legend>${roles}</fieldset>
<div class="field"><label for="sub">用户名（sub）</label><input type="text" id="sub" name="sub" value="${escape(values.sub ?? 'clerk-wang')}" maxlength="64" autocomplete="username" aria-describedby="sub-hint"><p class="hint" id="sub-hint">字母、数字和 . _ @ -，最多 64 个字符。</p></div>
<p><button type="submit">登录</button></p>
</form>
</section>`,
  );
}

function send(res: ServerResponse, status: number, type: string, body: string, method: string) {
  res.writeHead(status, {
    'content-type': type,
    'content-length': String(Buffer.byteLength(body)),
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
    // The answer to the POST carries a token: never stored by a cache.
    'cache-control': 'no-store',
  });
  res.end(method === 'HEAD' ? undefined : body);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  let text = '';
  for await (const chunk of req) {
    text += (chunk as Buffer).toString('utf8');
    if (text.length > 16_384) return undefined;
  }
  return new URLSearchParams(text);
}

/** The gateway's handler for the development sign-in's paths; false for any other request. */
export function devSignIn(secret: Uint8Array) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === SCRIPT_PATH && (method === 'GET' || method === 'HEAD')) {
      const script = `(function(){var m=document.querySelector('meta[name="console-token"]');if(m){sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)},m.getAttribute('content'));m.remove();}location.replace('/console#/');})();`;
      send(res, 200, 'text/javascript; charset=utf-8', script, method);
      return true;
    }
    if (pathname !== DEV_SIGN_IN_PATH) return false;
    if (method === 'GET' || method === 'HEAD') {
      send(res, 200, 'text/html; charset=utf-8', form(), method);
      return true;
    }
    if (method !== 'POST') return false;
    const params = await readForm(req);
    const dept = params?.get('dept') ?? '';
    const roles = (params?.getAll('roles') ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    const sub = (params?.get('sub') ?? '').trim();
    const errors = [
      ...(lists.departments.some((d) => d.code === dept) ? [] : ['请选择部门']),
      ...(roles.length ? [] : ['请至少选择一个角色']),
      ...(SUB.test(sub) ? [] : ['用户名只能包含字母、数字和 . _ @ -，最多 64 个字符']),
    ];
    if (errors.length) {
      send(res, 400, 'text/html; charset=utf-8', form(errors, { dept, roles, sub }), method);
      return true;
    }
    const token = await signToken(secret, { sub, dept, roles });
    const body = page('正在进入工作台', '<p class="panel">正在进入工作台…</p>', `<meta name="console-token" content="${escape(token)}">\n<script defer src="${SCRIPT_PATH}"></script>`);
    send(res, 200, 'text/html; charset=utf-8', body, method);
    return true;
  };
}
