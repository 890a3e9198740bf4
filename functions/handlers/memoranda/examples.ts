/** A memorandum as the contracts show it in their examples (a reference entry, data/memoranda.json). */
export const memorandumContentExample = {
  title: '关于对重大税收违法案件当事人实施联合惩戒措施的合作备忘录（2016版）',
  documentNo: '发改财金〔2016〕2798号',
  issuedOn: '2016-12-30',
  leadDepartment: 'TAX',
  targetLists: ['MAJOR_TAX_VIOLATION'],
  measures: [
    {
      code: '5',
      kind: 'punish',
      force: 'mandatory',
      departments: ['MARKET'],
      matters: ['SENIOR_POST'],
      content: '限制担任企业法定代表人、董事、监事及高级管理人员',
      legalBasis: '公司法第一百四十六条',
    },
    {
      code: '9',
      kind: 'punish',
      force: 'reference',
      departments: ['PBOC'],
      matters: ['FINANCING'],
      content: '供金融机构融资授信时审慎性参考',
      legalBasis: '备忘录第九条',
    },
    {
      code: '11',
      kind: 'punish',
      force: 'mandatory',
      departments: ['FINANCE'],
      matters: ['PROCUREMENT'],
      content: '依法禁止参加政府采购活动',
      legalBasis: '政府采购法第二十二条、第七十七条',
    },
  ],
};

export const memorandumExample = { code: 'M-MAJOR-TAX-2016', ...memorandumContentExample, version: 2 };
