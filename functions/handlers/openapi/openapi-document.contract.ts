import { z } from 'zod';
import { defineContract } from '#http/contract.ts';

const open = z.record(z.string(), z.unknown());

/** The document's own shape, loosely: its paths and components are the rest of this document. */
export const openApiDocumentSchema = z
  .object({
    openapi: z.string().describe('The OpenAPI version, 3.1.0'),
    info: z.object({ title: z.string(), version: z.string().describe('The contract’s version'), description: z.string() }),
    servers: z.array(z.object({ url: z.string() })),
    tags: z.array(z.object({ name: z.string(), description: z.string() })),
    paths: z.record(z.string(), open).describe('Every route, by path and method'),
    components: z.object({ schemas: open, responses: open, securitySchemes: open }),
  })
  .describe('This document.');

export const openApiDocumentContract = defineContract({
  method: 'GET',
  path: '/v1/openapi.json',
  capability: 'openapi',
  operationId: 'getOpenApiDocument',
  summary: ['This OpenAPI 3.1 document', '本接口的 OpenAPI 3.1 文档'],
  description: 'No token. Generated from the endpoints’ contracts — the schemas the service validates requests with and the response schemas its answers are tested against — with an example request and answer for each endpoint. Cached for five minutes.',
  tag: 'Meta',
  roles: 'public',
  response: {
    schema: openApiDocumentSchema,
    name: 'OpenApiDocument',
    statuses: { 200: 'The OpenAPI document, generated from the endpoints’ contracts' },
    example: {
      openapi: '3.1.0',
      info: { title: '信用联合奖惩 Credit Joint Reward and Punishment API', version: '1.0.0', description: '城市信用平台接口…' },
      servers: [{ url: '/' }],
      tags: [{ name: 'Checks', description: 'Credit checks, feedback and change notices · 联合奖惩核查、反馈与变更推送' }],
      paths: { '/v1/health': { get: { operationId: 'getHealth' } } },
      components: { schemas: {}, responses: {}, securitySchemes: {} },
    },
  },
  errors: [],
});
