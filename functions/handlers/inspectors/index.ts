import { serve } from '#http/endpoint.ts';
import { listInspectorsEndpoint } from './list-inspectors.ts';
import { putInspectorEndpoint } from './put-inspector.ts';

export const handler = serve(putInspectorEndpoint, listInspectorsEndpoint);
