import { z } from 'zod';
import { publicReportSchema } from '#domain/public-report.ts';
import { defineContract } from '#http/contract.ts';
import { validSubjectId } from '#http/schemas.ts';

export const getPublicReportContract = defineContract({
  method: 'GET',
  path: '/v1/public/entities/{id}',
  capability: 'public',
  operationId: 'getPublicReport',
  summary: ['Public credit report of a subject', '主体信用信息公示'],
  description:
    "No token; rate-limited per client (429 with Retry-After). Only what DOMAIN.md §8 allows: published licences, penalties inside their publicity period, list memberships in force and inspection results — never repaired, expired, retracted or minor records, warning-only penalties or risk classes. A person's identity number is masked. 404 if unknown, and 404 for a natural person with no public record (no name is ever disclosed by an identity number alone).",
  tag: 'Public',
  roles: 'public',
  rateLimited: true,
  params: z.object({ id: validSubjectId }),
  response: {
    schema: publicReportSchema,
    name: 'PublicReport',
    statuses: { 200: 'What the public may see' },
    example: {
      id: '91120115MA0000031Q',
      name: '天津宝坻示例物流有限公司',
      kind: 'enterprise',
      status: 'active',
      records: [
        {
          recordId: 'r9a8b7c6d5e4f3a2b1c0d9e8f7',
          type: 'listing',
          title: '列入经营异常名录：通过登记的住所(经营场所)无法联系',
          documentNo: '抽查〔2026〕2026年第二季度宝坻区市场监管与生态环境双随机联合抽查第3号（列入经营异常名录）',
          decidedOn: '2026-04-16',
          department: 'MARKET',
          listCode: 'ABNORMAL_OPERATION',
          repairableFrom: '2026-07-16',
        },
        {
          recordId: 'r5e4d3c2b1a0f9e8d7c6b5a4f3',
          type: 'inspection',
          title: '双随机抽查：通过登记的住所(经营场所)无法联系',
          documentNo: '抽查〔2026〕2026年第二季度宝坻区市场监管与生态环境双随机联合抽查第3号',
          decidedOn: '2026-04-15',
          department: 'MARKET',
          outcome: 'UNREACHABLE',
          planId: 'ple41c90c98aa807ee1dc268',
          planTitle: '2026年第二季度宝坻区市场监管与生态环境双随机联合抽查',
        },
        {
          recordId: 'r3c0b1f7d9e2a4c6b8d0e1f2a3',
          type: 'penalty',
          title: '未按规定公示年度报告',
          documentNo: '津宝市监罚〔2026〕88号',
          decidedOn: '2026-03-10',
          department: 'MARKET',
          publicUntil: '2027-03-10',
          fineAmount: 20000,
          legalBasis: '《企业信息公示暂行条例》第十八条',
          content: '罚款两万元',
          repairableFrom: '2026-06-10',
        },
      ],
      dataAsOf: '2026-04-20T06:00:00.000Z',
    },
  },
  errors: [400, 404, 429],
});
