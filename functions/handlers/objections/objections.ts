import { endpoint, json } from '#http/endpoint.ts';
import { encodeCursor, parsePage } from '#http/pagination.ts';
import { decideObjection, departmentObjections, fileObjection, ownObjection, trackObjection } from '#use-cases/objections.ts';
import { decideObjectionContract } from './decide-objection.contract.ts';
import { fileObjectionContract } from './file-objection.contract.ts';
import { listObjectionsContract } from './list-objections.contract.ts';
import { trackObjectionContract } from './track-objection.contract.ts';

export const fileObjectionEndpoint = endpoint(fileObjectionContract, async ({ body, headers, now }) => {
  const { created, filed } = await fileObjection(body(), headers['Idempotency-Key'], now);
  return json(created ? 201 : 200, filed);
});

export const trackObjectionEndpoint = endpoint(trackObjectionContract, async ({ params, query }) => json(200, await trackObjection(params.objectionId, query.code)));

export const listObjectionsEndpoint = endpoint(listObjectionsContract, async ({ query, caller, now, request }) => {
  const { objections, next } = await departmentObjections(caller.dept, query.status, parsePage(request), now);
  const nextCursor = encodeCursor(request, next);
  return json(200, { objections, ...(nextCursor ? { nextCursor } : {}) });
});

export const decideObjectionEndpoint = endpoint(decideObjectionContract, async ({ params, caller, body, stamp, now }) => {
  const objection = await ownObjection(params.objectionId, caller.dept);
  return json(200, await decideObjection(objection, body(), stamp, now));
});
