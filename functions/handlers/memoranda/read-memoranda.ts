import { endpoint, json } from '#http/endpoint.ts';
import { getMemorandum, listMemoranda } from '#use-cases/read-memoranda.ts';
import { getMemorandumContract, listMemorandaContract } from './read-memoranda.contract.ts';

export const listMemorandaEndpoint = endpoint(listMemorandaContract, async () => json(200, await listMemoranda()));

export const getMemorandumEndpoint = endpoint(getMemorandumContract, async ({ params }) => json(200, await getMemorandum(params.code)));
