import { capabilityHandler } from '#http/handler.ts';
import { getEntityHandler } from './get-entity.ts';
import { putEntityHandler } from './put-entity.ts';

export const handler = capabilityHandler({
  'PUT /v1/entities/{id}': putEntityHandler,
  'GET /v1/entities/{id}': getEntityHandler,
});
