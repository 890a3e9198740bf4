import { requireRole } from '#http/auth.ts';
import { json, type ApiHandler } from '#http/handler.ts';
import { parseInput } from '#http/parse.ts';
import { now } from '#domain/clock.ts';
import { checkTrail, giveFeedback } from '#use-cases/check-feedback.ts';
import { checkIdParam, feedbackBody } from './schemas.ts';

export const feedbackHandler: ApiHandler = async (request) => {
  const caller = requireRole(request.caller, 'checker');
  const checkId = parseInput(checkIdParam, request.params.checkId, 'checkId');
  const body = parseInput(feedbackBody, request.body);
  const { at } = now();
  const { feedback } = await giveFeedback(checkId, { ...body, by: caller.sub, department: caller.dept, at, requestId: request.requestId });
  const { department: _d, requestId: _r, ...shown } = feedback;
  return json(201, { checkId, ...shown });
};

export const getCheckHandler: ApiHandler = async (request) => {
  const caller = requireRole(request.caller, 'checker', 'admin');
  const checkId = parseInput(checkIdParam, request.params.checkId, 'checkId');
  return json(200, await checkTrail(checkId, caller.dept, caller.roles.includes('admin')));
};
