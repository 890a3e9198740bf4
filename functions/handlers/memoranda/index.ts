import { capabilityHandler } from '#http/handler.ts';
import { putMemorandumHandler } from './put-memorandum.ts';
import { getMemorandumHandler, listMemorandaHandler } from './read-memoranda.ts';

export const handler = capabilityHandler({
  'PUT /v1/memoranda/{code}': putMemorandumHandler,
  'GET /v1/memoranda': listMemorandaHandler,
  'GET /v1/memoranda/{code}': getMemorandumHandler,
});
