/** A commitment as the contracts show it in their examples. */
export const commitmentExample = {
  code: '12011520261123000001',
  subjectId: '91120224064012553U',
  type: 'APPROVAL_REPLACEMENT',
  matter: 'COMMITMENT_APPROVAL',
  content: '承诺经营场所符合食品安全要求，60日内补齐卫生检测报告',
  dueOn: '2027-01-22',
  department: 'APPROVAL',
  madeOn: '2026-11-23',
  recordId: '0dtg5kqdt3sg9xgzwb8tzkvnyx',
  status: 'open',
  createdBy: 'approval-clerk-li',
  createdAt: '2026-11-23T02:00:00.000Z',
};

/** The same commitment once verified. */
export const verifiedCommitmentExample = {
  ...commitmentExample,
  status: 'verified',
  outcome: 'unfulfilled',
  verification: { outcome: 'unfulfilled', note: '现场核查：未提交卫生检测报告', by: 'approval-clerk-li', at: '2027-01-25T03:00:00.000Z' },
};
