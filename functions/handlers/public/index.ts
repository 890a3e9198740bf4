import { serve } from '#http/endpoint.ts';
import { getPublicPlanEndpoint } from './get-public-plan.ts';
import { getPublicReportEndpoint } from './get-public-report.ts';
import { searchSubjectsEndpoint } from './search-subjects.ts';

/** What anyone may read without a token (信息公示、一公开), each endpoint rate-limited per client. */
export const handler = serve(getPublicReportEndpoint, searchSubjectsEndpoint, getPublicPlanEndpoint);
