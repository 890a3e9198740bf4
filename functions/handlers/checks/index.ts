import { capabilityHandler } from '#http/handler.ts';
import { batchCheckHandler, checkHandler } from './run-checks.ts';
import { feedbackHandler, getCheckHandler } from './trail.ts';

export const handler = capabilityHandler({
  'POST /v1/checks': checkHandler,
  'POST /v1/checks/batch': batchCheckHandler,
  'POST /v1/checks/{checkId}/feedback': feedbackHandler,
  'GET /v1/checks/{checkId}': getCheckHandler,
});
