import { endpoint, json } from '#http/endpoint.ts';
import { readLedger } from '#use-cases/ledger.ts';
import { readLedgerContract } from './read-ledger.contract.ts';

export const readLedgerEndpoint = endpoint(readLedgerContract, async ({ query, caller, now }) => json(200, await readLedger(caller, query, now)));
