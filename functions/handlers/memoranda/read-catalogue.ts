import { endpoint, json } from '#http/endpoint.ts';
import { referenceCatalogue } from '#use-cases/read-catalogue.ts';
import { readCatalogueContract } from './read-catalogue.contract.ts';

export const readCatalogueEndpoint = endpoint(readCatalogueContract, async () => json(200, referenceCatalogue()));
