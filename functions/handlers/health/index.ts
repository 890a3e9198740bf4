import { capabilityHandler, json } from '#http/handler.ts';

export const handler = capabilityHandler({
  'GET /v1/health': async () => json(200, { status: 'ok' }),
});
