import { endpoint, json } from '#http/endpoint.ts';
import { viewImport } from '#use-cases/imports.ts';
import { getImportContract } from './get-import.contract.ts';

export const getImportEndpoint = endpoint(getImportContract, async ({ params, caller }) => json(200, await viewImport(params.importId, caller.dept)));
