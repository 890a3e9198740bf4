import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger per Lambda; every line carries the request id once a request is in flight. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'credit-service' });
