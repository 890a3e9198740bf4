/**
 * Every DynamoDB key string is built here and nowhere else.
 *
 * Access patterns (single table, see lib/table.ts):
 * | pattern                                        | key                                                        |
 * |------------------------------------------------|------------------------------------------------------------|
 * | what a check reads of a subject (one Query)    | PK = SUBJ#<id>, SK < "M": profile, links, listings         |
 * | everything about a subject but its checks      | PK = SUBJ#<id>, SK < "X"                                   |
 * | entity profile                                 | PK = SUBJ#<id>, SK = A#PROFILE                             |
 * | "this enterprise names me its representative"  | PK = SUBJ#<personId>, SK = B#REP#<enterpriseId>            |
 * | a subject's listings (one item per listing)    | PK = SUBJ#<id>, SK = L#<recordId>                          |
 * | a subject's other records                      | PK = SUBJ#<id>, SK = R#<recordId>                          |
 * | checks of a subject (notices)                  | PK = SUBJ#<id>, SK = X#CHK#<checkId>                       |
 * | record / check by id                           | GSI1PK = REC#<recordId> / CHK#<checkId>                   |
 * | items whose projections are pending (outbox)   | GSI2PK = OUTBOX, GSI2SK = <at>#<PK>#<SK>                   |
 * | a department's notices, newest first           | PK = DEPT#<dept>#NOTICES, SK = <at>#<noticeId>             |
 * | memorandum versions                            | PK = MEMO#<code>, SK = V#<version, 6 digits>               |
 * | catalogue versions (latest = last)             | PK = CATALOGUE, SK = V#<version, 10 digits>                |
 * | per-client rate windows                        | PK = RATE#<client>, SK = <window start>                    |
 * | public name search: one list per bigram        | PK = NG#<bigram>, SK = <name length, 4 digits>#<id>        |
 * | commitment by code / a request's fingerprint    | PK = CMT#<code> / CMTREQ#<hash>, SK = CMT                   |
 * | the next serial of a region and day            | PK = CMTSEQ#<region>#<YYYYMMDD>, SK = SEQ                  |
 * | a department's commitments by status, due date | GSI3PK = COMMITMENTS#<dept>#<open|verified>, GSI3SK = <dueOn>#<code> |
 * | an approval / a supervision task               | PK = APPROVAL#<approvalId> / TASK#<taskId>, SK = A / T     |
 * | a department's tasks by status, newest first   | GSI3PK = TASKS#<dept>#<open|done>, GSI3SK = <createdAt>#<taskId> |
 * | a department's approvals, newest first         | GSI3PK = APPROVALS#<dept>, GSI3SK = <decidedOn>#<approvalId> |
 * | a department's inspector library               | PK = INSPECTORS#<dept>, SK = <inspectorId>                 |
 * | which department holds an inspector id         | PK = INSPCLAIM#<inspectorId>, SK = CLAIM                   |
 * | a plan (meta is the commit point)              | PK = PLAN#<planId>, SK = A#PLAN                            |
 * | its frozen population, roster, sample (chunks) | PK = PLAN#<planId>, SK = P#<attempt>#<stratum>#<n> / R#… / S#… |
 * | its results                                    | PK = PLAN#<planId>, SK = X#RES#<subjectId>                 |
 * | the population index (sparse): an enterprise's   | GSI4PK = POP#<shard>, GSI4SK = <region>#<id>#<SK>           |
 * |   profile, penalties, listings, inspections      |   shard = FNV-1a(id) mod POPULATION_SHARDS                 |
 * | plans being frozen or drawn (jobs to resume)     | GSI3PK = PLANJOBS, GSI3SK = <createdAt>#<planId>           |
 * | a frozen segment of a plan being frozen (chunks) | PK = PLAN#<planId>, SK = G#<segment attempt>#<stratum>#<n> |
 * | every plan, newest first (lists; eventually consistent) | GSI1PK = PLANS, GSI1SK = <createdAt>#<planId>          |
 * | an inspector's assignments (sampled subjects, drawn teams) | PK = ASSIGN#<inspectorId>, SK = <plan createdAt>#<planId>#<subjectId> |
 * | a department's ledger month (feedback ledger)    | PK = LEDGER#<dept>, SK = M#<YYYY-MM>                       |
 * | every department's ledger months of a year        | GSI3PK = LEDGER#<YYYY>, GSI3SK = <YYYY-MM>#<dept>          |
 * | a department's checks that returned measures      | PK = DEPT#<dept>#DOCKET, SK = <checkedAt>#<checkId>        |
 * | an import (request, status, counts)              | PK = IMPORT#<importId>, SK = A#IMPORT                      |
 * | imports a job is running (what a restart resumes)| GSI3PK = IMPORTJOBS, GSI3SK = <createdAt>#<importId>       |
 * | an issued credit report (immutable)              | PK = REPORT#<reportNo>, SK = A#REPORT                      |
 * | a report request's idempotency key               | PK = REPORTREQ#<hash>, SK = A                              |
 * | the report-signing keys, oldest first            | PK = REPORTKEYS, SK = <since>#<keyId>                      |
 * | an objection to a subject's record               | PK = SUBJ#<id>, SK = O#<objectionId>                       |
 * | where an objection is (its subject)              | PK = OBJ#<objectionId>, SK = A                             |
 * | a department's objections by status, due date    | GSI3PK = OBJECTIONS#<dept>#<open|decided>, GSI3SK = <dueBy>#<objectionId> |
 * | a repair application for a subject's record       | PK = SUBJ#<id>, SK = P#<applicationId>                     |
 * | where a repair application is (its subject)       | PK = RAPP#<applicationId>, SK = A                          |
 * | a department's repair applications by status     | GSI3PK = REPAIRAPPS#<dept>#<open|decided>, GSI3SK = <dueBy>#<applicationId> |
 */
/** P population, R roster, S sample, G a segment frozen by one worker of a freeze job. */
export type PlanChunkPart = 'P' | 'R' | 'S' | 'G';

export interface Key {
  PK: string;
  SK: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Everything in a subject's partition but its check logs sorts below this. */
export const SUBJECT_STATE_UPPER_BOUND = 'X';
/** A check's whole read (profile, representative links, listings) sorts below this. */
export const CHECK_STATE_UPPER_BOUND = 'M';

/**
 * The population index is split into this many shards: a freeze reads each one (a job's segment) in
 * parallel, a scoped one reads each shard's range for its region prefix only. Fixed: changing it
 * re-keys every indexed item.
 */
export const POPULATION_SHARDS = 32;

/** FNV-1a over the id's UTF-16 units: cheap, stable, and spreads the codes of one district evenly. */
export function populationShard(subjectId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < subjectId.length; i++) {
    hash ^= subjectId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % POPULATION_SHARDS;
}

export const keys = {
  subject: (subjectId: string) => `SUBJ#${subjectId}`,
  profile: (subjectId: string): Key => ({ PK: `SUBJ#${subjectId}`, SK: 'A#PROFILE' }),
  /** Listings have a sort-key prefix of their own, so a check reads them without the other records. */
  record: (subjectId: string, recordId: string, type: string): Key => ({
    PK: `SUBJ#${subjectId}`,
    SK: `${type === 'listing' ? 'L#' : 'R#'}${recordId}`,
  }),
  recordPrefix: 'R#',
  listingPrefix: 'L#',
  profileSk: 'A#PROFILE',
  representativeLink: (personId: string, enterpriseId: string): Key => ({ PK: `SUBJ#${personId}`, SK: `B#REP#${enterpriseId}` }),
  representativeLinkPrefix: 'B#REP#',
  outbox: (at: string, key: Key) => ({ GSI2PK: 'OUTBOX', GSI2SK: `${at}#${key.PK}#${key.SK}` }),
  outboxPartition: 'OUTBOX',
  recordLookup: (recordId: string) => ({ GSI1PK: `REC#${recordId}`, GSI1SK: 'REC' }),
  subjectCheck: (subjectId: string, checkId: string): Key => ({ PK: `SUBJ#${subjectId}`, SK: `X#CHK#${checkId}` }),
  subjectCheckPrefix: 'X#CHK#',
  checkLookup: (checkId: string) => ({ GSI1PK: `CHK#${checkId}`, GSI1SK: 'CHK' }),
  checkFeedback: (checkId: string, measure: string): Key => ({ PK: `CHKFB#${checkId}`, SK: `FB#${measure}` }),
  checkFeedbackPartition: (checkId: string) => `CHKFB#${checkId}`,
  notices: (department: string) => `DEPT#${department}#NOTICES`,
  notice: (department: string, at: string, noticeId: string): Key => ({
    PK: `DEPT#${department}#NOTICES`,
    SK: `${at}#${noticeId}`,
  }),
  memorandumVersion: (code: string, version: number): Key => ({ PK: `MEMO#${code}`, SK: `V#${pad(version, 6)}` }),
  memorandumPartition: (code: string) => `MEMO#${code}`,
  catalogueVersion: (version: number): Key => ({ PK: 'CATALOGUE', SK: `V#${pad(version, 10)}` }),
  cataloguePartition: 'CATALOGUE',
  versionPrefix: 'V#',
  rateWindow: (client: string, windowStart: number): Key => ({ PK: `RATE#${client}`, SK: String(windowStart) }),
  subjectPartitionPrefix: 'SUBJ#',
  approval: (approvalId: string): Key => ({ PK: `APPROVAL#${approvalId}`, SK: 'A' }),
  approvalsOf: (department: string, decidedOn?: string, approvalId?: string) => ({
    GSI3PK: `APPROVALS#${department}`,
    GSI3SK: decidedOn ? `${decidedOn}#${approvalId ?? ''}` : '',
  }),
  task: (taskId: string): Key => ({ PK: `TASK#${taskId}`, SK: 'T' }),
  tasksOf: (department: string, status: 'open' | 'done', createdAt?: string, taskId?: string) => ({
    GSI3PK: `TASKS#${department}#${status}`,
    GSI3SK: createdAt ? `${createdAt}#${taskId ?? ''}` : '',
  }),
  commitmentPointer: (code: string): Key => ({ PK: `CMT#${code}`, SK: 'CMT' }),
  commitmentRequest: (fingerprint: string): Key => ({ PK: `CMTREQ#${fingerprint}`, SK: 'CMT' }),
  commitmentSerial: (region: string, day: string): Key => ({ PK: `CMTSEQ#${region}#${day}`, SK: 'SEQ' }),
  commitmentsByStatus: (department: string, status: 'open' | 'verified', dueOn?: string, code?: string) => ({
    GSI3PK: `COMMITMENTS#${department}#${status}`,
    GSI3SK: dueOn ? `${dueOn}#${code ?? ''}` : '',
  }),
  nameGram: (gram: string, nameLength: number, id: string): Key => ({ PK: `NG#${gram}`, SK: `${pad(nameLength, 4)}#${id}` }),
  nameGramPartition: (gram: string) => `NG#${gram}`,
  inspectors: (department: string) => `INSPECTORS#${department}`,
  inspector: (department: string, inspectorId: string): Key => ({ PK: `INSPECTORS#${department}`, SK: inspectorId }),
  inspectorClaim: (inspectorId: string): Key => ({ PK: `INSPCLAIM#${inspectorId}`, SK: 'CLAIM' }),
  plan: (planId: string) => `PLAN#${planId}`,
  planMeta: (planId: string): Key => ({ PK: `PLAN#${planId}`, SK: 'A#PLAN' }),
  // `attempt` is the freeze (or draw) that wrote the chunk; the committed meta names the one that counts.
  planChunk: (planId: string, part: PlanChunkPart, attempt: string, name: string, n: number): Key => ({
    PK: `PLAN#${planId}`,
    SK: `${part}#${attempt}#${name ? `${name}#` : ''}${pad(n, 5)}`,
  }),
  planChunkPrefix: (part: PlanChunkPart, attempt: string) => `${part}#${attempt}#`,
  /** Only while a job works on the plan: what a restart (or a retried request) resumes. */
  planJob: (createdAt: string, planId: string) => ({ GSI3PK: 'PLANJOBS', GSI3SK: `${createdAt}#${planId}` }),
  planJobsPartition: 'PLANJOBS',
  /** An item of the population index: the item's own sort key keeps a subject's items together, profile first. */
  populationEntry: (subjectId: string, region: string, sk: string) => ({
    GSI4PK: `POP#${pad(populationShard(subjectId), 2)}`,
    GSI4SK: `${region}#${subjectId}#${sk}`,
  }),
  populationShard: (shard: number) => `POP#${pad(shard, 2)}`,
  planResult: (planId: string, subjectId: string): Key => ({ PK: `PLAN#${planId}`, SK: `X#RES#${subjectId}` }),
  planResultPrefix: 'X#RES#',
  /** On every plan item, in the item itself: the list of plans cannot miss or duplicate a plan. */
  planList: (createdAt: string, planId: string) => ({ GSI1PK: 'PLANS', GSI1SK: `${createdAt}#${planId}` }),
  planListPartition: 'PLANS',
  assignment: (inspectorId: string, planCreatedAt: string, planId: string, subjectId: string): Key => ({
    PK: `ASSIGN#${inspectorId}`,
    SK: `${planCreatedAt}#${planId}#${subjectId}`,
  }),
  assignments: (inspectorId: string) => `ASSIGN#${inspectorId}`,
  ledgerMonth: (department: string, month: string): Key => ({ PK: `LEDGER#${department}`, SK: `M#${month}` }),
  ledgerPartition: (department: string) => `LEDGER#${department}`,
  ledgerMonthSk: (month: string) => `M#${month}`,
  /** Every department's months of one year, for the city-wide ledger (one Query a year). */
  ledgerYear: (department: string, month: string) => ({ GSI3PK: `LEDGER#${month.slice(0, 4)}`, GSI3SK: `${month}#${department}` }),
  ledgerYearPartition: (year: string) => `LEDGER#${year}`,
  docket: (department: string, checkedAt: string, checkId: string): Key => ({ PK: `DEPT#${department}#DOCKET`, SK: `${checkedAt}#${checkId}` }),
  docketPartition: (department: string) => `DEPT#${department}#DOCKET`,
  importItem: (importId: string): Key => ({ PK: `IMPORT#${importId}`, SK: 'A#IMPORT' }),
  /** Only while a run holds the import. */
  importJob: (createdAt: string, importId: string) => ({ GSI3PK: 'IMPORTJOBS', GSI3SK: `${createdAt}#${importId}` }),
  importJobsPartition: 'IMPORTJOBS',
  report: (reportNo: string): Key => ({ PK: `REPORT#${reportNo}`, SK: 'A#REPORT' }),
  reportRequest: (hash: string): Key => ({ PK: `REPORTREQ#${hash}`, SK: 'A' }),
  reportKey: (since: string, keyId: string): Key => ({ PK: 'REPORTKEYS', SK: `${since}#${keyId}` }),
  reportKeysPartition: 'REPORTKEYS',
  objection: (subjectId: string, objectionId: string): Key => ({ PK: `SUBJ#${subjectId}`, SK: `O#${objectionId}` }),
  objectionPrefix: 'O#',
  objectionPointer: (objectionId: string): Key => ({ PK: `OBJ#${objectionId}`, SK: 'A' }),
  objectionsOf: (department: string, status: 'open' | 'decided', dueBy?: string, objectionId?: string) => ({
    GSI3PK: `OBJECTIONS#${department}#${status}`,
    GSI3SK: dueBy ? `${dueBy}#${objectionId ?? ''}` : '',
  }),
  repairApplication: (subjectId: string, applicationId: string): Key => ({ PK: `SUBJ#${subjectId}`, SK: `P#${applicationId}` }),
  repairApplicationPrefix: 'P#',
  repairApplicationPointer: (applicationId: string): Key => ({ PK: `RAPP#${applicationId}`, SK: 'A' }),
  repairApplicationsOf: (department: string, status: 'open' | 'decided', dueBy?: string, applicationId?: string) => ({
    GSI3PK: `REPAIRAPPS#${department}#${status}`,
    GSI3SK: dueBy ? `${dueBy}#${applicationId ?? ''}` : '',
  }),
} as const;

/** Reads the subject id back from a subject partition key. */
export function subjectIdOf(pk: string): string | undefined {
  return pk.startsWith('SUBJ#') ? pk.slice(5) : undefined;
}
