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

export const getMemorandumHandler: ApiHandler = async (request) => {
  requireRole(request.caller, ...ROLES);
  const code = parseInput(z.string().min(1), request.params.code, 'code');
  const head = await readCatalogueHead();
  if (head.memoranda[code] === undefined) throw new NotFoundError(`No memorandum ${code}`);
  const [memorandum] = (await readCatalogue({ version: head.version, memoranda: { [code]: head.memoranda[code] } })).memoranda;
  return json(200, memorandum);
};
