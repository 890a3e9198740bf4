import { serve } from '#http/endpoint.ts';
import { putMemorandumEndpoint } from './put-memorandum.ts';
import { readCatalogueEndpoint } from './read-catalogue.ts';
import { getMemorandumEndpoint, listMemorandaEndpoint } from './read-memoranda.ts';

export const handler = serve(putMemorandumEndpoint, listMemorandaEndpoint, getMemorandumEndpoint, readCatalogueEndpoint);
