import { App, Stack, Validations } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYNTH_TIMEOUT, synthService } from './fixture.ts';
import { acknowledgements, rawFindings, staleAcknowledgements } from './nag.ts';

let service: ReturnType<typeof synthService>;

beforeAll(() => {
  service = synthService(); // throws ValidationFailed if cdk-nag reports an unacknowledged finding
}, SYNTH_TIMEOUT);

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding, error or warning', () => {
    const { violations } = new AwsSolutionsChecks().validateScope(service.app);
    expect(violations.map((v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });

  it('gives every acknowledgement a specific reason', () => {
    const acks = acknowledgements(service.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id, ack.path).toMatch(/^AwsSolutions-[A-Z]+\d+/);
      expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThanOrEqual(60);
      expect(ack.reason, `${ack.id} at ${ack.path}`).not.toMatch(/\b(todo|tbd|n\/a|ignore|not needed|suppress(ed)?)\b/i);
    }
  });

  it('acknowledges only findings that would otherwise be reported (no stale acknowledgement)', () => {
    expect(staleAcknowledgements(service.app)).toEqual([]);
  });

  it('would stop synthesis on a finding (the gate is live)', () => {
    const app = new App();
    new Table(new Stack(app, 'careless'), 'Table', { partitionKey: { name: 'PK', type: AttributeType.STRING } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(rawFindings(app).map((f) => f.ruleName)).toContain('AwsSolutions-DDB3');
    expect(() => app.synth()).toThrow(/AwsSolutions-DDB3/);
  });
});
