import { endpoint, json } from '#http/endpoint.ts';
import { commitmentToVerify, verifyCommitment } from '#use-cases/commitments.ts';
import { verifyCommitmentContract } from './verify-commitment.contract.ts';

// The body is read only once the commitment is known to be the caller's department's (403 before 400).
export const verifyCommitmentEndpoint = endpoint(verifyCommitmentContract, async ({ params, body, caller, stamp, now }) => {
  const record = await commitmentToVerify(params.code, caller.dept);
  const { outcome, note } = body();
  const { commitment } = await verifyCommitment(params.code, outcome, note, stamp, now, { record });
  return json(200, commitment);
});
