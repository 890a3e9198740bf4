import { capabilityHandler, json } from '#http/handler.ts';
import { logger } from '#http/logger.ts';
import { buildOpenApiDocument, type OpenApiDocument } from '../../openapi/document.ts';

/**
 * The OpenAPI document, built once at cold start from the route registry and the zod schemas. The
 * build is lenient here (the test suite runs it strict): a route missing from the registry is left
 * out and logged, and a build that fails outright answers 500 on this route only — the rest of the
 * service never depends on documentation.
 */
function build(): OpenApiDocument | undefined {
  try {
    const { document, problems } = buildOpenApiDocument({ strict: false });
    if (problems.length) logger.error('OpenAPI document is incomplete', { problems });
    return document;
  } catch (error) {
    logger.error('OpenAPI document could not be built', error as Error);
    return undefined;
  }
}

const document = build();

export const handler = capabilityHandler({
  'GET /v1/openapi.json': async () => {
    if (!document) throw new Error('The OpenAPI document could not be built at cold start');
    return json(200, document, { 'cache-control': 'public, max-age=300' });
  },
});
