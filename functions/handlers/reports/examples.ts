import type { CreditReport } from '#domain/credit-reports.ts';

export const reportExample: CreditReport = {
  reportNo: 'CR7K3M9QX2PAHT4W8N6R5V',
  verificationCode: 'H4KQ8M2XRT6P',
  issuedAt: '2026-12-07T02:30:00.000Z',
  dataAsOf: '2026-12-07T02:30:00.000Z',
  subject: { id: '91120224064012553U', name: '天津宝坻示范商贸有限公司', kind: 'enterprise' },
  period: { from: '2023-12-08', to: '2026-12-07' },
  clean: false,
  summary: { penalties: 1, listings: 1, inspections: 0 },
  sections: {
    penalties: [
      {
        recordId: 'r3c0b1f7d9e2a4c6b8d0e1f2a3',
        type: 'penalty',
        title: '未按规定公示年度报告',
        documentNo: '津宝市监罚〔2026〕88号',
        decidedOn: '2026-04-10',
        department: 'MARKET',
        publicUntil: '2027-04-10',
        fineAmount: 20000,
        legalBasis: '《企业信息公示暂行条例》第十八条',
        content: '罚款两万元',
        repairableFrom: '2026-07-10',
      },
    ],
    listings: [
      {
        recordId: 'r9a8b7c6d5e4f3a2b1c0d9e8f7',
        type: 'listing',
        title: '通过登记的住所无法联系，列入经营异常名录',
        documentNo: '津宝市监异〔2026〕15号',
        decidedOn: '2026-03-02',
        department: 'MARKET',
        listCode: 'ABNORMAL_OPERATION',
        repairableFrom: '2026-06-02',
      },
    ],
    inspections: [],
  },
  departments: ['COURT', 'ECOLOGY', 'MARKET', 'TAX'],
  fingerprint: '5d1c7a0c3e0b9f8a6e4d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7',
  signature: 'mX0k3Zr5l7v0l3hY2b1x4c9k2m1n0b8v7c6x5z4a3s2d1f0g9h8j7k6l5q4w3e2r1t0y9u8i7o6p5a4s3d2f1g0h9j8k7l6zA==',
  keyId: 'ed25519-3f9a0c41d27b6e58',
};
