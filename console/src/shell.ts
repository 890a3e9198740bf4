import { createApi, type Api } from './api.ts';
import { loadCatalogue, type Catalogue } from './catalogue.ts';
import type { ConsoleConfig } from './config.ts';
import { fill, h, type Child } from './dom.ts';
import { problemMessage, showFieldErrors } from './forms.ts';
import { ApiProblem } from './api.ts';
import { ROLE_NAMES } from './labels.ts';
import { oidcSignOutUrl } from './oidc.ts';
import { matchRoute, href, type ScreenContext, type ScreenEntry, type Tone } from './screen.ts';
import { clearSession, hasAnyRole, type Role, type Session } from './session.ts';

/**
 * The signed-in workbench: header (department in Chinese, the user, roles, sign-out), the nav of the
 * screens the roles allow, the live region, and the hash router that renders one screen at a time,
 * moving focus to its heading.
 */

const byId = <E extends HTMLElement>(id: string) => document.getElementById(id) as E;

const allowed = (entry: ScreenEntry, session: Session) => entry.roles === 'any' || hasAnyRole(session, entry.roles);

export interface Shell {
  announce(message: Child, tone?: Tone): void;
}

/** The live region: replaced content is read out (role=status, polite). */
export function announcer(): (message: Child, tone?: Tone) => void {
  const status = byId<HTMLDivElement>('status');
  return (message, tone = 'info') => {
    status.hidden = false;
    status.className = `status${tone === 'error' ? ' status-error' : tone === 'success' ? ' status-success' : ''}`;
    fill(status, message);
  };
}

export function clearStatus() {
  const status = byId<HTMLDivElement>('status');
  status.hidden = true;
  status.replaceChildren();
}

export async function startShell(config: ConsoleConfig, session: Session, screens: readonly ScreenEntry[], onSignedOut: (reason?: string) => void): Promise<void> {
  const announce = announcer();
  let ended = false;
  const end = (reason?: string) => {
    if (ended) return;
    ended = true;
    clearSession();
    window.removeEventListener('hashchange', route);
    byId('nav').hidden = true;
    byId('who').hidden = true;
    onSignedOut(reason);
  };
  const api: Api = createApi(
    () => session.token,
    () => end('登录已失效或已过期，请重新登录。'),
  );

  let catalogue: Catalogue;
  try {
    catalogue = await loadCatalogue(api);
  } catch (error) {
    if (!ended) announce(problemMessage(error), 'error');
    return;
  }

  const deptName = catalogue.departmentName(session.dept);
  fill(
    byId('who'),
    h(
      'dl',
      { class: 'who-facts' },
      h('div', null, h('dt', null, '部门'), h('dd', { id: 'who-dept' }, deptName)),
      h('div', null, h('dt', null, '用户'), h('dd', { id: 'who-sub' }, session.sub)),
      h('div', null, h('dt', null, '角色'), h('dd', { id: 'who-roles' }, session.roles.map((r) => ROLE_NAMES[r]).join('、') || '无')),
    ),
    h('button', { type: 'button', class: 'secondary sign-out', id: 'sign-out', onclick: () => void signOut() }, '退出登录'),
  );
  byId('who').hidden = false;

  async function signOut() {
    const provider = config.signIn === 'oidc' ? await oidcSignOutUrl(config) : undefined;
    end('已退出登录。');
    if (provider) location.assign(provider);
  }

  const visible = screens.filter((s) => allowed(s, session) && s.nav !== false && !s.route.includes(':'));
  const nav = byId('nav');
  const links = visible.map((s) => h('li', null, h('a', { href: href(s.route), 'data-route': s.route }, s.title)));
  fill(nav, h('ul', null, links));
  nav.hidden = false;

  let current: AbortController | undefined;

  async function route() {
    if (ended) return;
    current?.abort();
    const controller = new AbortController();
    current = controller;
    const raw = location.hash.replace(/^#\/?/, '');
    const [path = '', search = ''] = raw.split('?');
    const matched = matchRoute(screens, path);
    const screen = byId('screen');
    clearStatus();
    for (const a of nav.querySelectorAll('a')) {
      if (matched && a.dataset.route === matched.entry.route.split('/')[0]) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    const heading = h('h1', { id: 'screen-title', tabindex: '-1' });
    const root = h('div', { class: 'screen-body' });
    fill(screen, heading, root);
    if (!matched) {
      heading.textContent = '页面不存在';
      fill(root, h('p', null, '工作台中没有这个页面。', h('a', { href: '#/' }, '返回工作台首页')));
    } else if (!allowed(matched.entry, session)) {
      heading.textContent = '无权访问';
      fill(root, h('p', null, `“${matched.entry.title}”不对当前角色开放。`, h('a', { href: '#/' }, '返回工作台首页')));
    } else {
      heading.textContent = matched.entry.title;
    }
    document.title = `${heading.textContent} — 部门工作台`;
    heading.focus();
    if (!matched || !allowed(matched.entry, session)) return;
    const ctx: ScreenContext = {
      session,
      api,
      catalogue,
      params: matched.params,
      query: new URLSearchParams(search),
      root,
      heading,
      signal: controller.signal,
      announce: (message, tone) => {
        if (!controller.signal.aborted) announce(message, tone);
      },
      problem: (error, scope) => {
        if (controller.signal.aborted || (error instanceof ApiProblem && error.status === 401)) return;
        const unplaced = scope && error instanceof ApiProblem ? showFieldErrors(scope, error) : undefined;
        announce(problemMessage(error, unplaced), 'error');
      },
      navigate: (to) => {
        location.hash = `#/${to}`;
      },
      can: (...roles: Role[]) => hasAnyRole(session, roles),
    };
    try {
      await matched.entry.render(ctx);
    } catch (error) {
      ctx.problem(error);
    }
  }

  window.addEventListener('hashchange', route);
  await route();
}
