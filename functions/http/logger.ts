import { Logger } from '@aws-lambda-powertools/logger';
import { maskResidentIds } from '#domain/masking.ts';

/**
 * One structured logger per Lambda; every line carries the request id once a request is in flight.
 * Every string it writes — messages, attributes, error messages and stacks — passes the masking first.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'credit-service',
  jsonReplacerFn: (_key, value) => (typeof value === 'string' ? maskResidentIds(value) : value),
});
