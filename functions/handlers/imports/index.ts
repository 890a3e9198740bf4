import { serve } from '#http/endpoint.ts';
import { getImportEndpoint } from './get-import.ts';
import { openImportEndpoint } from './open-import.ts';

export const handler = serve(openImportEndpoint, getImportEndpoint);
