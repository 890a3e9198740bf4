import { endpoint, json, serve } from '#http/endpoint.ts';
import { healthContract } from './health.contract.ts';

export const handler = serve(endpoint(healthContract, async () => json(200, { status: 'ok' })));
