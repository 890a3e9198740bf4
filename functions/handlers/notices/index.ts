import { serve } from '#http/endpoint.ts';
import { listNoticesEndpoint } from './list-notices.ts';

export const handler = serve(listNoticesEndpoint);
