import { endpoint, json } from '#http/endpoint.ts';
import { putInspector, refuseForeignInspector } from '#use-cases/put-inspector.ts';
import { putInspectorContract } from './put-inspector.contract.ts';

export const putInspectorEndpoint = endpoint(putInspectorContract, async ({ params, body, stamp }) => {
  await refuseForeignInspector(params.id, stamp.department);
  const { created, inspector } = await putInspector({ ...body(), id: params.id, department: stamp.department }, stamp);
  return json(created ? 201 : 200, inspector);
});
