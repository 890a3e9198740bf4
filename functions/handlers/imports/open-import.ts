import { endpoint, json } from '#http/endpoint.ts';
import { openImport } from '#use-cases/imports.ts';
import { openImportContract } from './open-import.contract.ts';

export const openImportEndpoint = endpoint(openImportContract, async ({ body, headers, stamp, now }) => {
  const { created, opened } = await openImport(body(), headers['Idempotency-Key'], stamp, now);
  return json(created ? 201 : 200, opened);
});
