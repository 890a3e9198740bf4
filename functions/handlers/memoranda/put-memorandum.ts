import { z } from 'zod';
import { requireRole } from '#http/auth.ts';
import { json, type ApiHandler } from '#http/handler.ts';
import { parseInput } from '#http/parse.ts';
import { ValidationError } from '#domain/errors.ts';
import { now } from '#domain/clock.ts';
import { isObjectPropertyName } from '#domain/reference.ts';
import { putMemorandum } from '#use-cases/put-memorandum.ts';
import { memorandumBody } from './schemas.ts';

export const codeParam = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, _ . or -')
  .refine((c) => !isObjectPropertyName(c), 'is a reserved name, not a memorandum code');

export const putMemorandumHandler: ApiHandler = async (request) => {
  const caller = requireRole(request.caller, 'admin');
  const code = parseInput(codeParam, request.params.code, 'code');
  const body = parseInput(memorandumBody, request.body);
  if (body.code !== undefined && body.code !== code) throw ValidationError.field('code', `must match the path (${code})`);
  const clock = now();
  const result = await putMemorandum({ ...body, code }, { sub: caller.sub, department: caller.dept, at: clock.at, requestId: request.requestId });
  return json(result.created ? 201 : 200, result.memorandum);
};
