import { z } from 'zod';
import { requireRole, ROLES } from '#http/auth.ts';
import { json, type ApiHandler } from '#http/handler.ts';
import { parseInput } from '#http/parse.ts';
import { NotFoundError } from '#domain/errors.ts';
import { readCatalogue, readCatalogueHead } from '#data/catalogue.ts';

export const listMemorandaHandler: ApiHandler = async (request) => {
  requireRole(request.caller, ...ROLES);
  const catalogue = await readCatalogue(await readCatalogueHead());
  return json(200, { catalogueVersion: catalogue.version, memoranda: catalogue.memoranda });
};

/** Any code may be asked for; one the catalogue does not hold (`constructor` included) is a 404. */
export const memorandumLookupParam = z.string().min(1, 'is required').max(64, 'must be at most 64 characters');

export const getMemorandumHandler: ApiHandler = async (request) => {
  requireRole(request.caller, ...ROLES);
  const code = parseInput(memorandumLookupParam, request.params.code, 'code');
  const head = await readCatalogueHead();
  const version = Object.hasOwn(head.memoranda, code) ? head.memoranda[code] : undefined;
  if (version === undefined) throw new NotFoundError(`No memorandum ${code}`);
  const [memorandum] = (await readCatalogue({ version: head.version, memoranda: Object.fromEntries([[code, version]]) })).memoranda;
  if (!memorandum) throw new NotFoundError(`No memorandum ${code}`);
  return json(200, memorandum);
};
