import { limitClientsWith, serve } from '#http/endpoint.ts';
import { limitClient } from '#http/rate-limit.ts';
import { issueReportEndpoint } from './issue-report.ts';
import { readReportEndpoint } from './read-report.ts';
import { reportKeysEndpoint } from './report-keys.ts';

/** Credit reports (专项信用报告): issued, read back by number and code, and the keys that sign them. No token; rate-limited. */
limitClientsWith(limitClient);

export const handler = serve(issueReportEndpoint, readReportEndpoint, reportKeysEndpoint);
