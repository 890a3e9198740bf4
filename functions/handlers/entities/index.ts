import { serve } from '#http/endpoint.ts';
import { getEntityEndpoint } from './get-entity.ts';
import { putEntityEndpoint } from './put-entity.ts';

export const handler = serve(putEntityEndpoint, getEntityEndpoint);
