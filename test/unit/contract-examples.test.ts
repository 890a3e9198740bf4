import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contracts } from '../../functions/contracts.ts';
import { routeKeyOf, type Contract } from '../../functions/http/contract.ts';
import { strictly } from '../support/contract-check.ts';

/**
 * The examples are the integrator's first reading of an endpoint (the OpenAPI document shows them):
 * each request example is a body the endpoint accepts, and each response example is exactly what
 * the contract's response schema describes, checked as strictly as the service's own answers.
 */
const withBody = contracts.filter((c): c is Contract & { body: NonNullable<Contract['body']> } => c.body !== undefined);

describe('contract examples', () => {
  it.each(contracts.map((c) => [routeKeyOf(c), c] as const))('%s shows an example answer that keeps its response schema, undocumented fields refused', (_key, contract) => {
    expect(contract.response.example, 'a response example').toBeDefined();
    const parsed = strictly(contract.response.schema).safeParse(contract.response.example);
    expect(parsed.success, parsed.success ? '' : z.prettifyError(parsed.error)).toBe(true);
  });

  it.each(withBody.map((c) => [routeKeyOf(c), c] as const))('%s shows an example request its body schema accepts', (_key, contract) => {
    expect(contract.body.example, 'a request example').toBeDefined();
    const parsed = contract.body.schema.safeParse(contract.body.example);
    expect(parsed.success, parsed.success ? '' : z.prettifyError(parsed.error)).toBe(true);
  });

  it('refuses an example answer with a field its schema does not document', () => {
    const [contract] = contracts;
    expect(strictly(contract!.response.schema).safeParse({ ...(contract!.response.example as object), undocumented: true }).success).toBe(false);
  });
});
