import { fullCodeOf } from '#domain/search.ts';
import { endpoint, json } from '#http/endpoint.ts';
import { searchSubjects } from '#use-cases/public-lookup.ts';
import { searchSubjectsContract } from './search-subjects.contract.ts';

export const searchSubjectsEndpoint = endpoint(searchSubjectsContract, async ({ query, now }) =>
  json(200, { results: await searchSubjects(query.q, fullCodeOf(query.q, now.today), now.today) }),
);
