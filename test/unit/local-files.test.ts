import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The local file store (the bucket's stand-in): a plan document's job and a read that finds the document
 * unpublished write the same key at once, within the same millisecond; every write must succeed and leave
 * the one file, whole, and nothing half-written beside it.
 */
let dir: string;
let files: typeof import('#data/files.ts');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'local-files-'));
  process.env.FILES_DIR = dir;
  process.env.FILES_SIGNING_SECRET = 'local-files-test-secret';
  files = await import('#data/files.ts');
  files.resetFileStore();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the local file store', () => {
  it('takes many concurrent writes of one key, each succeeding, leaving one whole file and no partial ones', async () => {
    const body = Buffer.from(JSON.stringify({ planId: 'pl-concurrent', strata: Array.from({ length: 2000 }, (_, i) => `id-${i}`) }));
    const key = 'private/plans/pl-concurrent/full-0123.json';
    const writes = await Promise.allSettled(Array.from({ length: 40 }, () => files.putFile(key, body, { contentType: 'application/json', gzip: true, immutable: true })));
    expect(writes.filter((w) => w.status === 'rejected')).toEqual([]);
    const stored = await files.readStoredFile(key);
    expect(stored?.equals(body)).toBe(true);
    const folder = join(dir, 'private', 'plans', 'pl-concurrent');
    expect(readdirSync(folder)).toEqual(['full-0123.json.gz']);
    expect(gunzipSync((await import('node:fs')).readFileSync(join(folder, 'full-0123.json.gz'))).equals(body)).toBe(true);
  });
});
