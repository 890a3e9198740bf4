import { requireRole } from '#http/auth.ts';
import { json, type ApiHandler } from '#http/handler.ts';
import { parseInput } from '#http/parse.ts';
import { runBatchCheck, runCheck } from '#use-cases/run-check.ts';
import { batchBody, checkBody } from './schemas.ts';

export const checkHandler: ApiHandler = async (request) => {
  const caller = requireRole(request.caller, 'checker');
  const body = parseInput(checkBody, request.body);
  return json(200, await runCheck(body, { sub: caller.sub, department: caller.dept, requestId: request.requestId }));
};

export const batchCheckHandler: ApiHandler = async (request) => {
  const caller = requireRole(request.caller, 'checker');
  const body = parseInput(batchBody, request.body);
  const results = await runBatchCheck(body.matter, body.subjectIds, { sub: caller.sub, department: caller.dept, requestId: request.requestId });
  return json(200, { results });
};
