import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, TooManyRequestsError } from '#domain/errors.ts';

/** The one place errors become HTTP: problem+json, and nothing internal for anything unexpected. */
export function problemResponse(error: unknown, requestId: string): APIGatewayProxyStructuredResultV2 {
  if (error instanceof DomainError) {
    const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
    if (error instanceof TooManyRequestsError) headers['retry-after'] = String(error.retryAfterSeconds);
    return {
      statusCode: error.status,
      headers,
      body: JSON.stringify({
        type: `about:blank`,
        title: error.title,
        status: error.status,
        detail: error.message,
        errors: error.errors,
        requestId,
      }),
    };
  }
  return {
    statusCode: 500,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({
      type: 'about:blank',
      title: 'Internal error',
      status: 500,
      detail: 'The request could not be completed. Quote the requestId when reporting this.',
      errors: [],
      requestId,
    }),
  };
}
