import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readAppConfig } from '../../lib/credit-service.ts';

const base = { jwtIssuer: 'https://issuer.test.example/', jwtAudience: 'credit-api' };
const config = (context: Record<string, unknown>) => readAppConfig(new App({ context }));

describe('reading the CDK context', () => {
  it('accepts the context committed in cdk.json, so `npm run synth` has what it needs', () => {
    const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));
    expect(() => config(cdkJson.context)).not.toThrow();
  });

  it.each(['jwtIssuer', 'jwtAudience'])('fails naming %s when it is missing', (key) => {
    const context: Record<string, unknown> = { ...base };
    delete context[key];
    expect(() => config(context)).toThrow(new RegExp(`Missing CDK context "${key}"`));
  });

  it('rejects an issuer that is not https, which API Gateway would refuse at deploy time', () => {
    expect(() => config({ ...base, jwtIssuer: 'http://issuer.test.example/' })).toThrow(/https/);
  });

  it('splits a comma-separated audience', () => {
    expect(config({ ...base, jwtAudience: 'a, b' }).jwtAudience).toEqual(['a', 'b']);
  });

  it('defaults to stage dev and a 50 rps / 100 burst throttle', () => {
    expect(config(base)).toMatchObject({ stage: 'dev', throttle: { rateLimit: 50, burstLimit: 100 } });
  });

  it('reads throttles given as strings on the command line', () => {
    expect(config({ ...base, throttleRate: '7', throttleBurst: '9' }).throttle).toEqual({ rateLimit: 7, burstLimit: 9 });
    expect(config(base).publicPlanStrata).toBe('0');
    expect(config({ ...base, publicPlanStrata: '1' }).publicPlanStrata).toBe('1');
    expect(() => config({ ...base, publicPlanStrata: 'yes' })).toThrow(/publicPlanStrata/);
  });

  it('binds the stacks to no region unless context region names one', () => {
    expect(config(base).region).toBeUndefined();
    expect(config({ ...base, region: 'cn-northwest-1' }).region).toBe('cn-northwest-1');
  });

  it('reads the operations settings: alarm e-mail, check p99 and 5xx thresholds, job concurrency', () => {
    expect(config(base)).toMatchObject({ jobConcurrency: 32, operations: { alarmEmail: undefined, checkLatencyP99Ms: 1000, api5xxPercent: 1 } });
    expect(config({ ...base, alarmEmail: 'ops@example.gov.cn', alarmCheckP99Ms: '400', alarm5xxPercent: '2.5', jobConcurrency: '8' })).toMatchObject({
      jobConcurrency: 8,
      operations: { alarmEmail: 'ops@example.gov.cn', checkLatencyP99Ms: 400, api5xxPercent: 2.5 },
    });
  });

  it.each([
    ['throttleRate', 'fast'],
    ['throttleBurst', '0'],
    ['stage', 'Prod!'],
    ['region', 'beijing'],
    ['jobConcurrency', '1'],
    ['jobConcurrency', '1001'],
    ['alarmEmail', 'ops'],
    ['alarmCheckP99Ms', '-5'],
  ])('rejects %s=%s', (key, value) => {
    expect(() => config({ ...base, [key]: value })).toThrow(new RegExp(key));
  });
});
