import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/service.ts';

const bundle = async (entry: string) => {
  const out = await build({ entryPoints: [`${ROOT}/${entry}`], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'silent' });
  return out.outputFiles[0]!.text;
};

describe('the docs and health Lambdas', () => {
  it('bundle every contract but no store code', async () => {
    const docs = await bundle('functions/handlers/openapi/index.ts');
    expect(docs).toContain('/v1/checks/batch');
    expect(docs).not.toContain('DynamoDBClient');
    expect(await bundle('functions/handlers/health/index.ts')).not.toContain('DynamoDBClient');
    // The public Lambda does talk to the store (the rate limit), which shows the check can fail.
    expect(await bundle('functions/handlers/public/index.ts')).toContain('DynamoDBClient');
  }, 60_000);
});
