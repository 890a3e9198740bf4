import { serve } from '#http/endpoint.ts';
import { getCheckEndpoint, giveFeedbackEndpoint } from './check-feedback.ts';
import { listAwaitingEndpoint } from './list-awaiting.ts';
import { readLedgerEndpoint } from './read-ledger.ts';
import { runBatchCheckEndpoint, runCheckEndpoint } from './run-check.ts';

export const handler = serve(runCheckEndpoint, runBatchCheckEndpoint, giveFeedbackEndpoint, getCheckEndpoint, listAwaitingEndpoint, readLedgerEndpoint);
