import { endpoint, json } from '#http/endpoint.ts';
import { entityToChange, putEntity } from '#use-cases/put-entity.ts';
import { putEntityContract } from './put-entity.contract.ts';

export const putEntityEndpoint = endpoint(putEntityContract, async ({ params, body, caller, stamp, now }) => {
  const stored = await entityToChange(params.id, caller.dept, caller.roles.includes('admin'));
  const { created, entity } = await putEntity(params.id, stored, body(), stamp, now.today);
  return json(created ? 201 : 200, entity);
});
