import { endpoint, json } from '#http/endpoint.ts';
import { publishMemorandum } from '#use-cases/put-memorandum.ts';
import { putMemorandumContract } from './put-memorandum.contract.ts';

export const putMemorandumEndpoint = endpoint(putMemorandumContract, async ({ params, body, stamp }) => {
  const { created, memorandum } = await publishMemorandum(params.code, body(), stamp);
  return json(created ? 201 : 200, memorandum);
});
