/** An approval and its task as the contracts show them in their examples. */
export const approvalExample = {
  approvalId: 'ap8c1eb40ce6b404f76195cb',
  department: 'APPROVAL',
  subjectId: '91120224064012553U',
  matter: 'COMMITMENT_APPROVAL',
  licenceNo: '津宝审批食经〔2026〕0188号',
  title: '食品经营许可证',
  decidedOn: '2026-11-23',
  decision: 'granted',
  checkId: '0mwsm5deoa1b2c3d4e5f60718',
  commitmentCode: '12011520261123000001',
  supervisingDepartments: ['MARKET'],
  licenceRecordId: 'brazf5a3n09k23j70dd356q5de',
  licencePublishBy: '2026-12-02',
  licencePublishedAt: '2026-11-23T02:05:00.000Z',
  taskIds: ['tk631acc37c097f41376fbac'],
  createdAt: '2026-11-23T02:05:00.000Z',
  createdBy: 'approval-clerk-li',
  requestId: 'a3f1c2d4-0000-4000-8000-000000000010',
};

export const taskExample = {
  taskId: 'tk631acc37c097f41376fbac',
  approvalId: 'ap8c1eb40ce6b404f76195cb',
  subjectId: '91120224064012553U',
  matter: 'COMMITMENT_APPROVAL',
  licenceNo: '津宝审批食经〔2026〕0188号',
  department: 'MARKET',
  approvingDepartment: 'APPROVAL',
  dueOn: '2027-01-22',
  commitment: { code: '12011520261123000001', type: 'APPROVAL_REPLACEMENT', content: '承诺经营场所符合食品安全要求，60日内补齐卫生检测报告', dueOn: '2027-01-22' },
  createdAt: '2026-11-23T02:05:00.000Z',
  status: 'open',
};

export const completedTaskExample = {
  ...taskExample,
  completion: {
    outcome: 'non-compliant',
    findings: '现场核查：经营场所不符合承诺，未提交卫生检测报告',
    commitmentOutcome: 'unfulfilled',
    noticeId: '5d0c8e7b1a2f4c6e9b3a7d10',
    by: 'market-inspector-wu',
    at: '2027-01-20T06:30:00.000Z',
    requestId: 'a3f1c2d4-0000-4000-8000-000000000020',
  },
  status: 'done',
};
