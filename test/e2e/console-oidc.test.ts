import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../functions/local/tokens.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { auditPage, blocking } from './axe.ts';
import { launchBrowser, type Browser } from './browser.ts';
import { openScreen, statusSays } from './console-support.ts';

/**
 * The workbench's OIDC sign-in (issue 13, point 1), against a small provider started here: discovery, the
 * authorization redirect with PKCE (S256), state and nonce, and a token endpoint that checks the verifier
 * against the challenge, the client, the redirect URI and the single use of the code. It issues an ID token
 * the local API accepts (the local secret, issuer and audience), so the signed-in console works end to end.
 * The local gateway serves the console's config for it from CONSOLE_OIDC_ISSUER / CONSOLE_OIDC_CLIENT_ID.
 */
const CLIENT_ID = LOCAL_AUDIENCE;
let svc: TestService;
let provider: Server;
let issuer: string;
let browser: Browser;
let page: Page;

interface Grant {
  challenge: string;
  method: string;
  nonce: string;
  redirectUri: string;
  clientId: string;
  used: boolean;
}
const grants = new Map<string, Grant>();
const seen: { authorize: URLSearchParams[]; token: URLSearchParams[] } = { authorize: [], token: [] };
/** Who the provider signs in (a real one would show its own login page). */
const USER = { sub: 'oidc-clerk-chen', dept: 'TAX', roles: ['checker'] };

const base64Url = (bytes: Buffer) => bytes.toString('base64url');

function startProvider(): Promise<void> {
  provider = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const cors = { 'access-control-allow-origin': '*' };
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', ...cors });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, response_types_supported: ['code'], code_challenge_methods_supported: ['S256'] });
    }
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      seen.authorize.push(q);
      if (q.get('response_type') !== 'code' || q.get('client_id') !== CLIENT_ID || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || !q.get('state') || !q.get('nonce')) {
        return json(400, { error: 'invalid_request' });
      }
      const code = base64Url(randomBytes(16));
      grants.set(code, { challenge: q.get('code_challenge')!, method: q.get('code_challenge_method')!, nonce: q.get('nonce')!, redirectUri: q.get('redirect_uri')!, clientId: q.get('client_id')!, used: false });
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state')!);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let text = '';
      for await (const chunk of req) text += chunk;
      const form = new URLSearchParams(text);
      seen.token.push(form);
      const grant = grants.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = base64Url(createHash('sha256').update(verifier).digest());
      if (
        form.get('grant_type') !== 'authorization_code' ||
        !grant ||
        grant.used ||
        grant.clientId !== form.get('client_id') ||
        grant.redirectUri !== form.get('redirect_uri') ||
        challenge !== grant.challenge
      ) {
        return json(400, { error: 'invalid_grant' });
      }
      grant.used = true;
      const idToken = await new SignJWT({ dept: USER.dept, roles: USER.roles, nonce: grant.nonce })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(USER.sub)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(CLIENT_ID)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(svc.service.secret);
      return json(200, { id_token: idToken, access_token: base64Url(randomBytes(24)), token_type: 'Bearer', expires_in: 3600 });
    }
    json(404, { error: 'not_found' });
  });
  return new Promise((resolve) =>
    provider.listen(0, '127.0.0.1', () => {
      issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

beforeAll(async () => {
  await startProvider();
  svc = await startTestService({ demoData: true, env: { CONSOLE_OIDC_ISSUER: issuer, CONSOLE_OIDC_CLIENT_ID: CLIENT_ID } });
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  delete process.env.CONSOLE_OIDC_ISSUER;
  delete process.env.CONSOLE_OIDC_CLIENT_ID;
  await browser?.close();
  await svc?.close();
  await new Promise((resolve) => provider?.close(resolve));
});

describe('signing in to the workbench with an OIDC provider', () => {
  it('serves the provider in config.json and admits its origin in the console’s policy only', async () => {
    const config = await fetch(`${svc.url}/console/config.json`);
    expect(await config.json()).toEqual({ signIn: 'oidc', issuer, clientId: CLIENT_ID });
    const consolePage = await fetch(`${svc.url}/console`);
    expect(consolePage.headers.get('content-security-policy')).toContain(`connect-src 'self' ${issuer};`);
    const lookup = await fetch(`${svc.url}/`);
    expect(lookup.headers.get('content-security-policy')).toContain("connect-src 'self';");
  });

  it('signs in by the code flow with PKCE, cleans the address, and the API accepts the token', async () => {
    await page.goto(`${svc.url}/console#/check`);
    await expect(page.locator('#screen-title').innerText()).resolves.toBe('登录部门工作台');
    await expect(page.getByRole('link', { name: '开发登录' }).count()).resolves.toBe(0);
    const audit = await auditPage(page, 'console-sign-in');
    expect(blocking(audit)).toEqual([]);
    await browser.screenshot(page, 'console-sign-in-oidc');

    await page.getByRole('button', { name: '使用统一身份认证登录' }).click();
    await page.locator('#who-dept').waitFor();
    // Back on the route the user started from, with no code, state or token in the address.
    expect(new URL(page.url()).search).toBe('');
    expect(new URL(page.url()).hash).toBe('#/check');
    expect(page.url()).not.toMatch(/code=|state=|eyJ/);
    await expect(page.locator('#who-dept').innerText()).resolves.toBe('税务局');
    await expect(page.locator('#who-sub').innerText()).resolves.toBe(USER.sub);

    const [authorize] = seen.authorize;
    expect(authorize!.get('redirect_uri')).toBe(`${svc.url}/console`);
    expect(authorize!.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize!.get('scope')).toBe('openid');
    const [exchange] = seen.token;
    expect(exchange!.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(exchange!.has('client_secret')).toBe(false);

    // The signed-in console reaches the API with the provider's token.
    await openScreen(page, 'check', '信用核查');
    await page.getByLabel('办理事项').first().selectOption({ label: '行政许可' });
    await page.getByLabel('统一社会信用代码或身份证号').fill('91120224064012553U');
    await page.getByRole('button', { name: '核查', exact: true }).click();
    await statusSays(page, '核查完成');
    await expect(page.locator('.check-view').innerText()).resolves.toContain('税务局');
  });

  it('refuses an answer to a sign-in it did not start (state), and the provider a wrong verifier', async () => {
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(`${svc.url}/console?code=forged&state=not-ours`);
    await statusSays(page, '登录回调与本次登录请求不符');
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate(() => sessionStorage.getItem('credit-console-token'))).toBeNull();

    // The provider's side of PKCE: a code with another verifier is refused, so the sign-in above proved the console's.
    const authorize = await fetch(`${issuer}/authorize?${new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: `${svc.url}/console`, state: 's', nonce: 'n', code_challenge: base64Url(createHash('sha256').update('right-verifier-right-verifier-right-verifier').digest()), code_challenge_method: 'S256' })}`, { redirect: 'manual' });
    const code = new URL(authorize.headers.get('location')!).searchParams.get('code')!;
    const exchange = (verifier: string) =>
      fetch(`${issuer}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: CLIENT_ID, redirect_uri: `${svc.url}/console`, code_verifier: verifier }) });
    expect((await exchange('wrong-verifier-wrong-verifier-wrong-verifier')).status).toBe(400);
    expect((await exchange('right-verifier-right-verifier-right-verifier')).status).toBe(200);
  });
});
