import { endpoint, json } from '#http/endpoint.ts';
import { makeCommitment } from '#use-cases/commitments.ts';
import { makeCommitmentContract } from './make-commitment.contract.ts';

export const makeCommitmentEndpoint = endpoint(makeCommitmentContract, async ({ body, stamp, now }) => {
  const { created, commitment } = await makeCommitment(body(), stamp, now);
  return json(created ? 201 : 200, commitment);
});
