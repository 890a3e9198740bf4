import { limitClientsWith, serve } from '#http/endpoint.ts';
import { limitClient } from '#http/rate-limit.ts';
import { getPublicPlanEndpoint } from './get-public-plan.ts';
import { getPublicReportEndpoint } from './get-public-report.ts';
import { listPublicPlansEndpoint } from './list-public-plans.ts';
import { searchSubjectsEndpoint } from './search-subjects.ts';

/** What anyone may read without a token (信息公示、一公开), each endpoint rate-limited per client. */
limitClientsWith(limitClient);

export const handler = serve(getPublicReportEndpoint, searchSubjectsEndpoint, getPublicPlanEndpoint, listPublicPlansEndpoint);
