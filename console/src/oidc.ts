import { claimsOf } from './session.ts';

/**
 * Sign-in with the deployment's OIDC provider: the authorization code flow with PKCE (S256), state and
 * nonce, as a public client (no secret). Discovery from `<issuer>/.well-known/openid-configuration`. The
 * code arrives in the address; it is exchanged at once and removed from the address (history.replaceState).
 * The bearer the API receives is the ID token: its audience is the console's client id, which the API's
 * JWT authorizer lists among its audiences (CDK refuses a consoleClientId it does not).
 */

export interface OidcSettings {
  issuer: string;
  clientId: string;
  scope?: string;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

/** What survives the trip to the provider: in sessionStorage of this tab only. */
interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  /** The console route the user was on, restored after sign-in. */
  hash: string;
}

const PENDING_KEY = 'credit-console-oidc';

const redirectUri = () => `${location.origin}/console`;

function base64Url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const randomText = (bytes = 32) => base64Url(crypto.getRandomValues(new Uint8Array(bytes)));

async function challengeOf(verifier: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

async function discover(issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`身份认证服务的配置无法读取（${res.status}）`);
  const doc = (await res.json()) as Partial<Discovery>;
  if (typeof doc.authorization_endpoint !== 'string' || typeof doc.token_endpoint !== 'string') throw new Error('身份认证服务的配置不完整');
  return doc as Discovery;
}

/** Goes to the provider's sign-in page; comes back to /console with a code. */
export async function startOidcSignIn(settings: OidcSettings): Promise<void> {
  const discovery = await discover(settings.issuer);
  const pending: Pending = { state: randomText(), nonce: randomText(), verifier: randomText(48), hash: location.hash };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(discovery.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('scope', settings.scope ?? 'openid');
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', await challengeOf(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  location.assign(url.toString());
}

/** Whether this load is the provider's answer (a code or an error in the address). */
export const isOidcCallback = () => {
  const params = new URLSearchParams(location.search);
  return params.has('state') && (params.has('code') || params.has('error'));
};

/**
 * Completes a sign-in the provider answered: the state checked, the code exchanged with the verifier,
 * the ID token's nonce and audience checked; the address cleaned in every case. Returns the ID token.
 */
export async function completeOidcSignIn(settings: OidcSettings): Promise<string> {
  const params = new URLSearchParams(location.search);
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as Pending) : undefined;
  history.replaceState(null, '', `/console${pending?.hash ?? ''}`);
  if (params.has('error')) throw new Error(`身份认证服务拒绝了登录（${params.get('error')}）`);
  if (!pending || params.get('state') !== pending.state) throw new Error('登录回调与本次登录请求不符，请重新登录');
  const discovery = await discover(settings.issuer);
  const res = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      redirect_uri: redirectUri(),
      client_id: settings.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!res.ok) throw new Error(`登录凭证交换失败（${res.status}）`);
  const tokens = (await res.json()) as { id_token?: unknown };
  if (typeof tokens.id_token !== 'string') throw new Error('身份认证服务没有返回身份令牌');
  const claims = claimsOf(tokens.id_token);
  const audiences = Array.isArray(claims?.aud) ? claims.aud : [claims?.aud];
  if (claims?.nonce !== pending.nonce) throw new Error('身份令牌与本次登录请求不符，请重新登录');
  if (!audiences.includes(settings.clientId)) throw new Error('身份令牌不是签发给本工作台的');
  return tokens.id_token;
}

/**
 * The provider's sign-out page, when it has one (RP-initiated logout); the console clears its own token
 * first. No id_token_hint: a token never goes into a URL.
 */
export async function oidcSignOutUrl(settings: OidcSettings): Promise<string | undefined> {
  const discovery = await discover(settings.issuer).catch(() => undefined);
  if (!discovery?.end_session_endpoint) return undefined;
  const url = new URL(discovery.end_session_endpoint);
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('post_logout_redirect_uri', redirectUri());
  return url.toString();
}
