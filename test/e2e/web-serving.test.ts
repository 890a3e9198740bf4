import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, qrDirectory } from '../../functions/web-pages.ts';
import { startTestService, type TestService } from '../support/service.ts';

let svc: TestService;

beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => svc?.close());

/** A raw request, so paths like /../ reach the server unnormalised. */
function raw(method: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(svc.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the local gateway serving web/', () => {
  it.each([
    ['/', 'text/html', '公共信用信息查询'],
    ['/verify', 'text/html', '双随机抽查结果核验'],
    ['/verify?plan=abc', 'text/html', '双随机抽查结果核验'],
    ['/plans', 'text/html', '双随机抽查计划公示'],
    ['/plans/pl0a33ec6f675991eca498eb', 'text/html', '<script type="module" src="/assets/plans.js">'],
    ['/plans?plan=pl0a33ec6f675991eca498eb', 'text/html', '双随机抽查计划公示'],
    ['/assets/plans.js', 'text/javascript', 'GET /v1/public/plans'],
    ['/report', 'text/html', '专项信用报告核验'],
    ['/report/CR7K3M9QX2PAHT4W8N6R5V?code=H4KQ8M2XRT6P', 'text/html', '<script type="module" src="/assets/report.js">'],
    ['/report?no=CR7K3M9QX2PAHT4W8N6R5V&code=H4KQ8M2XRT6P', 'text/html', '<script type="module" src="/assets/report.js">'],
    ['/assets/report.js', 'text/javascript', "from './qr/index.js'"],
    ['/track', 'text/html', '异议和信用修复申请办理进度'],
    ['/track?objection=OBK7M3Q9X2PAHT4W8N6R&code=H4KQ8M2XRT6P', 'text/html', '<script type="module" src="/assets/track.js">'],
    ['/track?application=RAK7M3Q9X2PAHT4W8N6R&code=H4KQ8M2XRT6P', 'text/html', '<script type="module" src="/assets/track.js">'],
    ['/assets/track.js', 'text/javascript', '/v1/public/repair-applications/'],
    ['/assets/petitions.js', 'text/javascript', 'Idempotency-Key'],
    ['/assets/site.css', 'text/css', '@media print'],
    ['/assets/draw.js', 'text/javascript', 'export async function verifyPlan'],
  ])('GET %s answers %s with the page’s security headers', async (path, type, content) => {
    const res = await raw('GET', path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain(type);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain(content);
  });

  it.each([
    ['/docs', 'text/html', '<title>接口文档'],
    ['/assets/docs.js', 'text/javascript', "url: '/v1/openapi.json'"],
    ['/docs/viewer/swagger-ui-bundle.js', 'text/javascript', 'SwaggerUIBundle'],
    ['/docs/viewer/swagger-ui.css', 'text/css', '.swagger-ui'],
    ['/docs/viewer/swagger-ui-bundle.js.LICENSE.txt', 'text/plain', 'license'],
  ])('GET %s (the API documentation and its viewer) answers %s under the pages’ policy', async (path, type, content) => {
    const res = await raw('GET', path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain(type);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.body).toContain(content);
  });

  it.each(['/docs/viewer/index.html', '/docs/viewer/package.json', '/docs/viewer/swagger-ui-bundle.js.map', '/docs/viewer/../../package.json', '/docs/viewer/%2e%2e/package.json', '/docs/viewer/'])(
    'serves only the listed viewer files: %s is the 404 page',
    async (path) => {
      const res = await raw('GET', path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<h1 id="nf-title">页面不存在</h1>');
      expect(res.body).not.toContain('SwaggerUIBundle');
    },
  );

  it('serves the QR encoder of the report page from the installed qr package, byte for byte, and nothing else of it', async () => {
    const res = await raw('GET', '/assets/qr/index.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/javascript');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.body).toBe(readFileSync(join(qrDirectory(), 'index.js'), 'utf8'));
    expect(res.body).toContain('export function encodeQR');
    for (const path of ['/assets/qr/decode.js', '/assets/qr/package.json', '/assets/qr/', '/assets/qr/../../package.json', '/assets/qr/src/index.ts']) {
      const other = await raw('GET', path);
      expect(other.status, path).toBe(404);
      expect(other.body, path).toContain('页面不存在');
    }
  });

  it('serves the names of lists, departments and outcomes from data/lists.json', async () => {
    const res = await svc.call('GET', '/catalogue.json');
    expect(res.status).toBe(200);
    expect(res.body.lists.COURT_DEFAULTER).toEqual({ name: '失信被执行人', kind: 'black', severity: 'serious' });
    expect(res.body.lists.TAX_A_GRADE.kind).toBe('red');
    expect(res.body.lists.ABNORMAL_OPERATION).toEqual({ name: '经营异常名录', kind: 'black', severity: 'general' });
    expect(res.body.departments.MARKET).toBe('市场监督管理委员会');
    expect(res.body.outcomes.UNREACHABLE).toBe('通过登记的住所(经营场所)无法联系');
    // No SITE_OWNER or SITE_CONTACT here: the footer shows neither, and plans are linked by path.
    expect(res.body.site).toEqual({ planLinks: 'path' });
  });

  it('answers HEAD without a body', async () => {
    const res = await raw('HEAD', '/');
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
  });

  it.each(['/../package.json', '/assets/../../package.json', '/%2e%2e/package.json', '/.gitignore', '/nope.html', '/web/index.html', '/assets', '/plans/', '/plans/a/b', '/plans/%2e%2e%2fpackage.json', '/report/', '/report/a/b', '/report/%2e%2e%2fpackage.json', '/track/', '/track/OBK7M3Q9X2PAHT4W8N6R'])(
    'does not serve %s (the Chinese 404 page, status 404, nothing outside web/)',
    async (path) => {
      const res = await raw('GET', path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.body).toContain('<html lang="zh-CN">');
      expect(res.body).toContain('页面不存在');
      expect(res.body).not.toContain('credit-joint-measures');
    },
  );

  it('answers HEAD of a missing page 404 without a body', async () => {
    const res = await raw('HEAD', '/nope');
    expect(res.status).toBe(404);
    expect(res.body).toBe('');
  });

  it('leaves /v1 to the API: an unknown API path is a problem+json 404, never a page', async () => {
    const res = await raw('GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect((await svc.call('GET', '/v1/health')).body).toEqual({ status: 'ok' });
  });

  it('serves pages to GET and HEAD only', async () => {
    expect((await raw('POST', '/')).status).toBe(404);
  });
});
