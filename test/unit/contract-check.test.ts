import { describe, expect, it } from 'vitest';
import { contractBreach, contractFor } from '../support/contract-check.ts';

const health = { status: 'ok' };
const problem = { type: 'about:blank', title: 'Not found', status: 404, detail: 'No entity', errors: [], requestId: 'r' };

describe('the tests’ check of every response against its contract', () => {
  it('finds the contract of a route, a literal segment before a parameter', () => {
    expect(contractFor('GET', '/v1/health')?.operationId).toBe('getHealth');
    expect(contractFor('GET', '/v1/entities/91120224064012553U/records?x=1')?.operationId).toBe('listRecords');
    expect(contractFor('DELETE', '/v1/health')).toBeUndefined();
  });

  it('accepts what the contract documents', () => {
    expect(contractBreach('GET', '/v1/health', 200, 'application/json', health)).toBeUndefined();
    expect(contractBreach('GET', '/v1/entities/X', 404, 'application/problem+json', problem)).toBeUndefined();
  });

  it('refuses an undocumented field, even nested, a status the contract does not list, and a problem that is not problem+json', () => {
    expect(contractBreach('GET', '/v1/health', 200, 'application/json', { ...health, extra: 1 })).toMatch(/breaks Health/);
    expect(contractBreach('GET', '/v1/health', 201, 'application/json', health)).toMatch(/status 201/);
    expect(contractBreach('GET', '/v1/entities/X', 404, 'application/json', problem)).toMatch(/not application\/problem\+json/);
    expect(contractBreach('GET', '/v1/entities/X', 404, 'application/problem+json', { ...problem, errors: [{ path: 'a', message: 'b', hint: 'c' }] })).toMatch(/Problem schema/);
    const records = { records: [{ recordId: 'r' }] };
    expect(contractBreach('GET', '/v1/entities/X/records', 200, 'application/json', records)).toMatch(/breaks RecordList/);
  });
});
