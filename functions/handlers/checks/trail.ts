import { requireRole } from '#http/auth.ts';
import { json, type ApiHandler } from '#http/handler.ts';
import { parseInput } from '#http/parse.ts';
import { now } from '#domain/clock.ts';
import { checkTrail, feedbackView, giveFeedback, visibleCheck } from '#use-cases/check-feedback.ts';
import { checkIdParam, feedbackBody } from './schemas.ts';

export const feedbackHandler: ApiHandler = async (request) => {
  const caller = requireRole(request.caller, 'checker');
  const checkId = parseInput(checkIdParam, request.params.checkId, 'checkId');
  const check = await visibleCheck(checkId, caller.dept, false);
  const body = parseInput(feedbackBody, request.body);
  const { at } = now();
  const { created, feedback } = await giveFeedback(check, { ...body, by: caller.sub, department: caller.dept, at, requestId: request.requestId });
  return json(created ? 201 : 200, { checkId, ...feedbackView(feedback) });
};

export const getCheckHandler: ApiHandler = async (request) => {
  const caller = requireRole(request.caller, 'checker', 'admin', 'auditor');
  const checkId = parseInput(checkIdParam, request.params.checkId, 'checkId');
  // The city's credit office reads any department's trail as an auditor; a checker only its own.
  const cityWide = caller.roles.includes('admin') || caller.roles.includes('auditor');
  return json(200, await checkTrail(checkId, caller.dept, cityWide));
};
