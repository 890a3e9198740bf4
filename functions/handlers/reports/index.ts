import { limitClientsWith, serve } from '#http/endpoint.ts';
import { limitClient } from '#http/rate-limit.ts';
import { issueReportEndpoint } from './issue-report.ts';
import { readReportEndpoint } from './read-report.ts';
import { reportKeysEndpoint } from './report-keys.ts';
import { fileObjectionEndpoint, trackObjectionEndpoint } from '../objections/objections.ts';
import { fileRepairApplicationEndpoint, trackRepairApplicationEndpoint } from '../repair-applications/repair-applications.ts';

/**
 * The subject's side, without a token and rate-limited: credit reports (专项信用报告) issued, read back by
 * number and code, and the keys that sign them; objections (异议申诉) and repair applications (信用修复申请)
 * filed and followed.
 */
limitClientsWith(limitClient);

export const handler = serve(issueReportEndpoint, readReportEndpoint, reportKeysEndpoint, fileObjectionEndpoint, trackObjectionEndpoint, fileRepairApplicationEndpoint, trackRepairApplicationEndpoint);
