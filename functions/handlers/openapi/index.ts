import { endpoint, json, serve } from '#http/endpoint.ts';
import { logger } from '#http/logger.ts';
import { buildOpenApiDocument, type OpenApiDocument } from '../../openapi/document.ts';
import { openApiDocumentContract } from './openapi-document.contract.ts';

/**
 * The OpenAPI document, built once at cold start from the contracts. The build is lenient here (the
 * test suite runs it strict): a route without a contract is left out and logged, and a build that
 * fails outright answers 500 on this route only — the rest of the service never depends on documentation.
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

export const handler = serve(
  endpoint(openApiDocumentContract, async () => {
    if (!document) throw new Error('The OpenAPI document could not be built at cold start');
    return json(200, document, { 'cache-control': 'public, max-age=300' });
  }),
);
