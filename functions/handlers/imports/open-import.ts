import { endpoint, json } from '#http/endpoint.ts';
import { openImport } from '#use-cases/imports.ts';
import { openImportContract } from './open-import.contract.ts';

export const openImportEndpoint = endpoint(openImportContract, async ({ body, stamp, now, request }) => {
  const { created, opened } = await openImport(body(), request.headers['idempotency-key'], stamp, now);
  return json(created ? 201 : 200, opened);
});
