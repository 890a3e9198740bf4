import { serve } from '#http/endpoint.ts';
import { putInspectorEndpoint } from './put-inspector.ts';

export const handler = serve(putInspectorEndpoint);
