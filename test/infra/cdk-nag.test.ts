import { App, Stack, Validations } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYNTH_TIMEOUT, synthService } from './fixture.ts';

// cdk-nag 3 is a policy-validation plugin: findings go to the validation report (and make app.synth() throw),
// not to construct annotations, so Annotations.findError would see nothing. Run the pack directly instead.

let service: ReturnType<typeof synthService>;

beforeAll(() => {
  service = synthService(); // throws ValidationFailed if cdk-nag reports an unacknowledged finding
}, SYNTH_TIMEOUT);

interface Acknowledgement {
  id: string;
  reason: string;
  path: string;
}

function acknowledgements(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>))
      .map(([id, reason]) => ({ id: id.replace(/^annotation::/i, ''), reason, path: c.node.path })),
  );
}

/** Every finding, as if nothing had been acknowledged. */
function rawFindings(root: IConstruct) {
  const checks = new AwsSolutionsChecks();
  (checks as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  return checks.validateScope(root).violations;
}

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
    const findings = rawFindings(service.app);
    for (const ack of acknowledgements(service.app)) {
      const matched = findings.some(
        (f) => f.ruleName === ack.id && f.violatingResources.some((r) => r.constructPath === ack.path || r.constructPath?.startsWith(`${ack.path}/`)),
      );
      expect(matched, `${ack.id} at ${ack.path}`).toBe(true);
    }
  });

  it('would stop synthesis on a finding (the gate is live)', () => {
    const app = new App();
    new Table(new Stack(app, 'careless'), 'Table', { partitionKey: { name: 'PK', type: AttributeType.STRING } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(rawFindings(app).map((f) => f.ruleName)).toContain('AwsSolutions-DDB3');
    expect(() => app.synth()).toThrow(/AwsSolutions-DDB3/);
  });
});
