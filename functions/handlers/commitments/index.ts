import { serve } from '#http/endpoint.ts';
import { listCommitmentsEndpoint, listSubjectCommitmentsEndpoint } from './list-commitments.ts';
import { makeCommitmentEndpoint } from './make-commitment.ts';
import { verifyCommitmentEndpoint } from './verify-commitment.ts';

export const handler = serve(makeCommitmentEndpoint, verifyCommitmentEndpoint, listCommitmentsEndpoint, listSubjectCommitmentsEndpoint);
