import { serve } from '#http/endpoint.ts';
import { getCheckEndpoint, giveFeedbackEndpoint } from './check-feedback.ts';
import { runBatchCheckEndpoint, runCheckEndpoint } from './run-check.ts';

export const handler = serve(runCheckEndpoint, runBatchCheckEndpoint, giveFeedbackEndpoint, getCheckEndpoint);
