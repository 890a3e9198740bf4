import { loadConfig, type ConsoleConfig } from './config.ts';
import { fill, h } from './dom.ts';
import { completeOidcSignIn, isOidcCallback, startOidcSignIn } from './oidc.ts';
import { SCREENS } from './screens.ts';
import { announcer, clearStatus, startShell } from './shell.ts';
import { loadSession, storeToken } from './session.ts';

/**
 * The workbench's start: its sign-in settings (config.json), the provider's answer when this load is one,
 * then the shell for a session, or the sign-in screen.
 */

function signInScreen(config: ConsoleConfig, message?: string, tone: 'info' | 'error' = 'info') {
  const screen = document.getElementById('screen')!;
  const heading = h('h1', { id: 'screen-title', tabindex: '-1' }, '登录部门工作台');
  document.title = '登录 — 部门工作台';
  clearStatus();
  if (message) announcer()(message, tone);
  let body;
  if (config.signIn === 'dev') {
    body = [
      h('p', null, '本地开发环境：选择部门、角色和用户名后签发本地令牌（仅本地服务提供，部署环境中不存在）。'),
      h('p', null, h('a', { class: 'button', href: config.signInUrl, id: 'sign-in' }, '开发登录')),
    ];
  } else if (config.signIn === 'oidc') {
    const button = h('button', { type: 'button', id: 'sign-in' }, '使用统一身份认证登录');
    button.addEventListener('click', () => {
      button.disabled = true;
      startOidcSignIn(config).catch((error: Error) => {
        button.disabled = false;
        announcer()(error.message, 'error');
      });
    });
    body = [h('p', null, '请使用本单位的统一身份认证账号登录。登录后，工作台按账号所属部门和角色显示可用的功能。'), h('p', null, button)];
  } else {
    body = [h('p', null, config.reason ?? '本部署尚未配置工作台登录（未设置工作台的身份认证客户端），请联系系统管理员。')];
  }
  fill(screen, h('section', { class: 'panel sign-in', 'aria-labelledby': 'screen-title' }, heading, body));
  heading.focus();
}

/** The skip link goes to the main content without touching the address: a hash there is a console route. */
function skipLink() {
  const link = document.querySelector<HTMLAnchorElement>('.skip-link');
  link?.addEventListener('click', (event) => {
    event.preventDefault();
    document.getElementById('main')?.focus();
  });
}

async function boot() {
  skipLink();
  let config: ConsoleConfig;
  try {
    config = await loadConfig();
  } catch {
    fill(document.getElementById('screen')!, h('p', { class: 'panel' }, '工作台配置无法读取，请稍后刷新重试。'));
    return;
  }
  const start = async (message?: string, tone: 'info' | 'error' = 'info') => {
    const session = loadSession();
    if (!session) return signInScreen(config, message, tone);
    await startShell(config, session, SCREENS, (reason) => signInScreen(config, reason));
  };
  if (config.signIn === 'oidc' && isOidcCallback()) {
    try {
      const token = await completeOidcSignIn(config);
      if (!storeToken(token)) throw new Error('身份令牌缺少部门或用户信息，或已过期');
    } catch (error) {
      return start((error as Error).message, 'error');
    }
  }
  await start();
}

void boot();
