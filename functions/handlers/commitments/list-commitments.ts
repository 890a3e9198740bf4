import { endpoint, json } from '#http/endpoint.ts';
import { encodeCursor, parsePage } from '#http/pagination.ts';
import { departmentCommitments, subjectCommitments } from '#use-cases/commitments.ts';
import { listCommitmentsContract, listSubjectCommitmentsContract } from './list-commitments.contract.ts';

export const listCommitmentsEndpoint = endpoint(listCommitmentsContract, async ({ query, caller, now, request }) => {
  const { commitments, next } = await departmentCommitments(caller.dept, query.status, parsePage(request), now);
  const nextCursor = encodeCursor(request, next);
  return json(200, { commitments, ...(nextCursor ? { nextCursor } : {}) });
});

export const listSubjectCommitmentsEndpoint = endpoint(listSubjectCommitmentsContract, async ({ params, now }) =>
  json(200, { commitments: await subjectCommitments(params.id, now) }),
);
