/**
 * One plan through its life, as the contracts show it: a routine plan of two departments frozen, drawn
 * and with one result. The values are consistent — the hashes, tickets and teams recompute from the
 * seed, strata and roster (npm run verify-draw accepts the full document).
 */
const planId = 'ple41c90c98aa807ee1dc268';
const seed = '2026-04-01 天津市宝坻区公证处现场摇号 种子 7f3a9c21';

export const planRequestExample = {
  title: '2026年第二季度宝坻区市场监管与生态环境双随机联合抽查',
  departments: ['MARKET', 'ECOLOGY'],
  scope: { regionPrefix: '120115' },
  ratios: { A: 0.03, B: 0.05, C: 0.2, D: 1 },
  teamSize: 2,
  mode: 'routine',
  seedCommitment: '7549bc42b510ece74c822f6470032c0578f7c34cca16b37c55cffdffd53422eb',
};

export const planCreatedExample = {
  planId,
  status: 'frozen',
  population: { A: 0, B: 4, C: 2, D: 1, exempt: 2 },
  populationHash: '4bd97551ba20557bf584f452c9fd485627ed6b2baf14f01c57f6c0c42a227238',
  ...planRequestExample,
};

const strataHashes = {
  A: 'd71c7d01c9ce3685b8b22103d98448a9bfeb3ab4f63b038300a20d548fe6b3bf',
  B: '0c263d91f6c8540012f7643f83f04084f0f59cc2a9d29c6c56750bc9b58bbdbf',
  C: '1ff648547819c8c2762b912a52833c87e894cd5cef8b3dae2bb4300fbe9698ee',
  D: '121abe31eaa09c5056a6ae451734ddf7684043cf6dcda5b8d286553266e412bf',
};

export const sampleExample = [
  {
    subjectId: '91120115MA00000140',
    stratum: 'B',
    ticket: '0.02934563391876935282136552245120556382715231184503177376011786369259189967322',
    team: ['mkt-zhang-01', 'mkt-li-02'],
  },
  {
    subjectId: '91120115MA0000021P',
    stratum: 'C',
    ticket: '0.38943785208188566588454313415859951991001926276358786336093919503026655185584',
    team: ['mkt-zhang-01', 'eco-wang-01'],
  },
  {
    subjectId: '91120115MA0000031Q',
    stratum: 'D',
    ticket: '0.66881969160857848624616245791399592776151653011656115382334767429684794008852',
    team: ['mkt-zhang-01', 'eco-zhao-02'],
  },
];

export const drawExample = { planId, seed, drawnAt: '2026-04-01T02:00:00.000Z', sample: sampleExample };

export const resultRequestExample = {
  subjectId: '91120115MA0000031Q',
  inspectedOn: '2026-04-15',
  outcome: 'UNREACHABLE',
  findings: '按登记住所宝坻区钰华街道建设路18号实地核查，未发现该企业经营场所，电话无法接通',
};

export const resultExample = {
  resultId: '4m7q2s5v8x0z3b6d9f1h4k7n2p',
  planId,
  ...resultRequestExample,
  publishBy: '2026-05-13',
  late: false,
  recordedAt: '2026-04-16T03:20:00.000Z',
  recordedBy: 'mkt-zhang-01',
  department: 'MARKET',
  listingRecordId: '4m7q2s5v8x0z3b6d9f1h4k7n2r',
};

const publishedResultExample = { subjectId: resultExample.subjectId, outcome: resultExample.outcome, inspectedOn: resultExample.inspectedOn, recordedAt: resultExample.recordedAt };

export const planViewExample = {
  ...planCreatedExample,
  status: 'drawn',
  strataHashes,
  createdAt: '2026-03-28T01:00:00.000Z',
  createdBy: 'market-planner-wang',
  createdByDepartment: 'MARKET',
  requestId: 'a3f1c2d4-0000-4000-8000-000000000020',
  seed,
  drawnAt: drawExample.drawnAt,
  drawnBy: 'market-planner-wang',
  drawRequestId: 'a3f1c2d4-0000-4000-8000-000000000021',
  sampleSize: 3,
  draw: { seed, drawnAt: drawExample.drawnAt, sample: sampleExample },
  results: [resultExample],
  lateResults: [],
};

const documentSummary = {
  planId,
  title: planRequestExample.title,
  departments: planRequestExample.departments,
  ratios: planRequestExample.ratios,
  teamSize: 2,
  mode: 'routine',
  seedCommitment: planRequestExample.seedCommitment,
  populationHash: planCreatedExample.populationHash,
  strataSizes: planCreatedExample.population,
  strataHashes,
  scope: planRequestExample.scope,
  seed,
  drawnAt: drawExample.drawnAt,
};

export const publicPlanExample = {
  ...documentSummary,
  sample: sampleExample.map(({ subjectId, ticket, team }) => ({ subjectId, ticket, team })),
  results: [publishedResultExample],
};

export const fullPlanExample = {
  ...documentSummary,
  strata: {
    A: [],
    B: ['91120115MA0000011N', '91120115MA0000012R', '91120115MA0000013W', '91120115MA00000140'],
    C: ['91120115MA0000021P', '91120115MA0000022T'],
    D: ['91120115MA0000031Q'],
  },
  strataSalt: '5b0c7e2f9a41d3866e1f0a2b7c4d9e13',
  exempt: ['91120115MA0000001M', '91120115MA0000002Q'],
  industries: {
    '91120115MA0000011N': 'C13',
    '91120115MA0000012R': 'F51',
    '91120115MA0000013W': 'C26',
    '91120115MA00000140': 'F52',
    '91120115MA0000021P': 'C13',
    '91120115MA0000022T': 'C39',
    '91120115MA0000031Q': 'F51',
  },
  inspectors: [
    { id: 'eco-wang-01', department: 'ECOLOGY', fields: ['C'], conflicts: [] },
    { id: 'eco-zhao-02', department: 'ECOLOGY', fields: ['C2', 'F51'], conflicts: [] },
    { id: 'mkt-li-02', department: 'MARKET', fields: ['C13', 'F'], conflicts: ['91120115MA0000021P'] },
    { id: 'mkt-zhang-01', department: 'MARKET', fields: ['C', 'F5'], conflicts: [] },
  ],
  sample: sampleExample,
  results: [publishedResultExample],
};

/** The plan as the lists show it. */
export const planListEntryExample = {
  planId,
  title: planRequestExample.title,
  departments: planRequestExample.departments,
  status: 'drawn',
  createdAt: planViewExample.createdAt,
  drawnAt: drawExample.drawnAt,
  strataSizes: planCreatedExample.population,
  sampleSize: 3,
  resultCount: 1,
};

/** One of mkt-zhang-01's assignments in the plan, done. */
export const assignmentExample = {
  planId,
  planTitle: planRequestExample.title,
  subjectId: resultExample.subjectId,
  subjectName: '天津宝坻示例物流有限公司',
  team: ['mkt-zhang-01', 'eco-zhao-02'],
  result: resultExample,
};
