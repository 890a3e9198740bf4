import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

// cdk-nag 3 is a policy-validation plugin: findings go to the validation report (and make app.synth() throw),
// not to construct annotations, so Annotations.findError would see nothing. Run the pack directly instead.

export interface Acknowledgement {
  id: string;
  reason: string;
  path: string;
}

export function acknowledgements(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>))
      .map(([id, reason]) => ({ id: id.replace(/^annotation::/i, ''), reason, path: c.node.path })),
  );
}

/** Every finding, as if nothing had been acknowledged. */
export function rawFindings(root: IConstruct) {
  const checks = new AwsSolutionsChecks();
  (checks as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  return checks.validateScope(root).violations;
}

/** Acknowledgements that match no finding: each would hide a future one for no present reason. */
export function staleAcknowledgements(root: IConstruct): string[] {
  const findings = rawFindings(root);
  return acknowledgements(root)
    .filter((ack) => !findings.some((f) => f.ruleName === ack.id && f.violatingResources.some((r) => r.constructPath === ack.path || r.constructPath?.startsWith(`${ack.path}/`))))
    .map((ack) => `${ack.id} at ${ack.path}`);
}
