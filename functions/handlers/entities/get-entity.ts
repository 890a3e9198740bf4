import { endpoint, json } from '#http/endpoint.ts';
import { viewEntity } from '#use-cases/view-entity.ts';
import { getEntityContract } from './get-entity.contract.ts';

export const getEntityEndpoint = endpoint(getEntityContract, async ({ params, now }) => json(200, await viewEntity(params.id, now)));
