import { execFile, execFileSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, keyIdOf, sealReport, verifyReport, type CreditReport, type ReportKey, type UnsealedReport } from '#domain/credit-reports.ts';
import { reportExample } from '../../functions/handlers/reports/examples.ts';

/**
 * A credit report's seal (issue 14): RFC 8785 canonical JSON, the fingerprint and the Ed25519 signature,
 * checked by verifyReport, by `npm run verify-report`, and independently by Python's json and the
 * system's OpenSSL, so the scheme is what API.md says and not only what this code does.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pair = generateKeyPairSync('ed25519');
const raw = Buffer.from(pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
const signer = { keyId: keyIdOf(raw), sign: (digest: Buffer) => sign(null, digest, pair.privateKey) };
const key: ReportKey = { keyId: signer.keyId, algorithm: 'Ed25519', publicKey: raw.toString('base64'), from: '2026-01-01T00:00:00.000Z' };

const { fingerprint: _f, signature: _s, keyId: _k, ...unsealed } = reportExample;
const content: UnsealedReport = { ...unsealed, subject: { ...unsealed.subject, name: '天津“报告”示例\\有限公司 😀' } };
const report: CreditReport = sealReport(content, signer);

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, as the RFC’s own example orders them', () => {
    const value = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    const order = Object.keys(JSON.parse(canonicalJson(value)) as object);
    // JSON.parse puts the integer-like key first whatever the text says; the text's order is the one that counts.
    const textOrder = [...canonicalJson(value).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`));
    expect(order).toContain('1');
    expect(textOrder).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  it('writes numbers as ECMAScript does and literals without whitespace', () => {
    expect(canonicalJson({ n: [0, -0, 1e21, 1e-7, 0.000001, 333333333.3333333, 9007199254740991, 4.5], t: true, f: false, z: null })).toBe(
      '{"f":false,"n":[0,0,1e+21,1e-7,0.000001,333333333.3333333,9007199254740991,4.5],"t":true,"z":null}',
    );
    expect(canonicalJson({ s: '中文\n"\\\u001f' })).toBe('{"s":"中文\\n\\"\\\\\\u001f"}');
  });

  it('refuses what has no canonical form', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
    expect(() => canonicalJson({ x: '\ud800' })).toThrow(/surrogate/);
  });
});

describe('verifyReport', () => {
  it('accepts the sealed report with the key that signed it', () => {
    expect(verifyReport(report, [key])).toEqual({ valid: true, key });
  });

  it.each([
    ['a changed entry', (r: any) => (r.sections.penalties[0].fineAmount = 2000), 'fingerprint'],
    ['an added field', (r: any) => (r.note = '补充'), 'fingerprint'],
    ['a changed period', (r: any) => (r.period.from = '2020-01-01'), 'fingerprint'],
    ['a fingerprint made to match the changed content', (r: any) => ((r.clean = true), (r.fingerprint = sealReport({ ...r, fingerprint: undefined }, signer).fingerprint.replace(/^./, (c: string) => (c === '0' ? '1' : '0')))), 'fingerprint'],
    ['a signature of other content', (r: any) => (r.signature = sealReport({ ...content, clean: true }, signer).signature), 'signature'],
    ['another key named', (r: any) => (r.keyId = 'ed25519-0000000000000000'), 'not in the published key list'],
  ])('refuses %s', (_name, tamper, reason) => {
    const copy = structuredClone(report);
    tamper(copy);
    expect(verifyReport(copy, [key])).toEqual({ valid: false, reason: expect.stringContaining(reason) });
  });

  it('refuses a key that was not in use when the report was issued', () => {
    expect(verifyReport(report, [{ ...key, from: '2026-12-08T00:00:00.000Z' }]).valid).toBe(false);
    expect(verifyReport(report, [{ ...key, until: '2026-12-01T00:00:00.000Z' }]).valid).toBe(false);
    expect(verifyReport(report, [{ ...key, until: '2026-12-31T00:00:00.000Z' }]).valid).toBe(true);
  });

  it('refuses a signature by another key under the same id', () => {
    const other = generateKeyPairSync('ed25519');
    const impostor = sealReport(content, { keyId: key.keyId, sign: (d) => sign(null, d, other.privateKey) });
    expect(verifyReport(impostor, [key])).toEqual({ valid: false, reason: expect.stringContaining('signature') });
  });
});

describe('the seal, checked independently (Python json, OpenSSL)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'report-seal-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has the fingerprint Python computes of the report’s sorted, compact JSON', () => {
    writeFileSync(join(dir, 'report.json'), JSON.stringify(report, null, 2));
    const python = [
      'import hashlib, json, sys',
      'r = json.load(open(sys.argv[1], encoding="utf-8"))',
      'for k in ("fingerprint", "signature", "keyId"): r.pop(k)',
      // Python sorts by code point, JCS by UTF-16 unit: the same for every key a report has (all ASCII).
      'print(hashlib.sha256(json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")).hexdigest())',
    ].join('\n');
    expect(execFileSync('python3', ['-c', python, join(dir, 'report.json')], { encoding: 'utf8' }).trim()).toBe(report.fingerprint);
  });

  it('has a signature OpenSSL verifies over the 32 digest bytes with the published raw key', () => {
    writeFileSync(join(dir, 'digest.bin'), Buffer.from(report.fingerprint, 'hex'));
    writeFileSync(join(dir, 'signature.bin'), Buffer.from(report.signature, 'base64'));
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(key.publicKey, 'base64')]);
    writeFileSync(join(dir, 'key.pem'), `-----BEGIN PUBLIC KEY-----\n${spki.toString('base64')}\n-----END PUBLIC KEY-----\n`);
    const out = execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', join(dir, 'key.pem'), '-rawin', '-in', join(dir, 'digest.bin'), '-sigfile', join(dir, 'signature.bin')], { encoding: 'utf8' });
    expect(out).toMatch(/Signature Verified Successfully/);
  });
});

describe('npm run verify-report', () => {
  let dir: string;
  let server: Server;
  let keysUrl: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verify-report-'));
    writeFileSync(join(dir, 'report.json'), JSON.stringify(report));
    writeFileSync(join(dir, 'keys.json'), JSON.stringify({ keys: [key] }));
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify({ ...report, clean: true }));
    writeFileSync(join(dir, 'other-keys.json'), JSON.stringify({ keys: [{ ...key, keyId: 'ed25519-1111111111111111' }] }));
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [key] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    keysUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/public/report-keys`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'bin/verify-report.ts', ...args], { cwd: ROOT }, (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });

  it('says valid (exit 0) for the report and its key list, from a file or a URL', async () => {
    const fromFile = await run('--file', join(dir, 'report.json'), '--keys', join(dir, 'keys.json'));
    expect(fromFile).toMatchObject({ code: 0, stdout: expect.stringContaining(`valid 报告有效: ${report.reportNo}`) });
    const fromUrl = await run('--file', join(dir, 'report.json'), '--keys', keysUrl);
    expect(fromUrl.code).toBe(0);
  });

  it('says invalid (exit 1) for a tampered report, or a key list without its key', async () => {
    const tampered = await run('--file', join(dir, 'tampered.json'), '--keys', join(dir, 'keys.json'));
    expect(tampered).toMatchObject({ code: 1, stdout: expect.stringContaining('INVALID 报告无效: the content does not match the fingerprint') });
    const unknownKey = await run('--file', join(dir, 'report.json'), '--keys', join(dir, 'other-keys.json'));
    expect(unknownKey).toMatchObject({ code: 1, stdout: expect.stringContaining('not in the published key list') });
  });

  it('cannot check (exit 2) without both arguments, or with an unreadable file', async () => {
    expect((await run('--file', join(dir, 'report.json'))).code).toBe(2);
    expect((await run('--file', join(dir, 'missing.json'), '--keys', join(dir, 'keys.json'))).code).toBe(2);
    expect((await run('--file', join(dir, 'report.json'), '--keys', join(dir, 'report.json'))).code).toBe(2);
  });
}, 60_000);
