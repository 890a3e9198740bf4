/** A check as the contracts show it in their examples: a court defaulter checked for a commitment-based approval. */
export const checkAnswerExample = {
  checkId: '0mp200mko9f31c5e7d2b4a6c8',
  checkedAt: '2026-05-12T02:15:30.120Z',
  asOf: '2026-05-12T02:15:30.120Z',
  matter: 'COMMITMENT_APPROVAL',
  department: 'APPROVAL',
  catalogueVersion: 14,
  subject: { id: '91120224064012553U', known: true, name: '天津宝坻示例商贸有限公司', kind: 'enterprise' },
  hits: [{ listCode: 'COURT_DEFAULTER', kind: 'black', recordId: '8mb5degj77den57wr6d2hwrek1', via: 'self', since: '2026-02-01' }],
  measures: [
    {
      memorandum: 'M-COURT-DEFAULTER-2016',
      version: 1,
      measure: 'CP',
      kind: 'punish',
      force: 'mandatory',
      content: '修复前不适用告知承诺制',
      legalBasis: '国办发〔2020〕42号',
      triggeredBy: ['COURT_DEFAULTER'],
    },
  ],
  verdict: 'restrict',
};

export const feedbackInputExample = { measure: 'M-COURT-DEFAULTER-2016/CP', outcome: 'applied', note: '不予适用告知承诺，转一般程序办理' };

export const feedbackExample = { ...feedbackInputExample, by: 'approval-clerk-zhao', at: '2026-05-12T03:02:11.480Z' };
