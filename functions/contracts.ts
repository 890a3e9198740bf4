import type { Contract } from './http/contract.ts';
import { healthContract } from './handlers/health/health.contract.ts';
import { openApiDocumentContract } from './handlers/openapi/openapi-document.contract.ts';
import { getEntityContract } from './handlers/entities/get-entity.contract.ts';
import { putEntityContract } from './handlers/entities/put-entity.contract.ts';
import { createRecordContract } from './handlers/records/create-record.contract.ts';
import { listRecordsContract } from './handlers/records/list-records.contract.ts';
import { correctRecordContract, endRecordContract, repairRecordContract, retractRecordContract } from './handlers/records/change-record.contract.ts';
import { putMemorandumContract } from './handlers/memoranda/put-memorandum.contract.ts';
import { getMemorandumContract, listMemorandaContract } from './handlers/memoranda/read-memoranda.contract.ts';
import { runBatchCheckContract, runCheckContract } from './handlers/checks/run-check.contract.ts';
import { getCheckContract, giveFeedbackContract } from './handlers/checks/check-feedback.contract.ts';
import { listNoticesContract } from './handlers/notices/list-notices.contract.ts';
import { makeCommitmentContract } from './handlers/commitments/make-commitment.contract.ts';
import { verifyCommitmentContract } from './handlers/commitments/verify-commitment.contract.ts';
import { listCommitmentsContract, listSubjectCommitmentsContract } from './handlers/commitments/list-commitments.contract.ts';
import { submitApprovalContract } from './handlers/approvals/submit-approval.contract.ts';
import { getApprovalContract } from './handlers/approvals/get-approval.contract.ts';
import { listApprovalsContract } from './handlers/approvals/list-approvals.contract.ts';
import { listTasksContract } from './handlers/supervision/list-tasks.contract.ts';
import { completeTaskContract } from './handlers/supervision/complete-task.contract.ts';
import { putInspectorContract } from './handlers/inspectors/put-inspector.contract.ts';
import { createPlanContract } from './handlers/plans/create-plan.contract.ts';
import { drawPlanContract } from './handlers/plans/draw-plan.contract.ts';
import { recordResultContract } from './handlers/plans/record-result.contract.ts';
import { getPlanContract } from './handlers/plans/get-plan.contract.ts';
import { getPlanPopulationContract } from './handlers/plans/get-plan-population.contract.ts';
import { getPublicReportContract } from './handlers/public/get-public-report.contract.ts';
import { searchSubjectsContract } from './handlers/public/search-subjects.contract.ts';
import { getPublicPlanContract } from './handlers/public/get-public-plan.contract.ts';
import { listPublicPlansContract } from './handlers/public/list-public-plans.contract.ts';
import { readCatalogueContract } from './handlers/memoranda/read-catalogue.contract.ts';
import { listAwaitingContract } from './handlers/checks/list-awaiting.contract.ts';
import { readLedgerContract } from './handlers/checks/read-ledger.contract.ts';
import { listInspectorsContract } from './handlers/inspectors/list-inspectors.contract.ts';
import { listPlansContract } from './handlers/plans/list-plans.contract.ts';
import { listAssignmentsContract } from './handlers/plans/list-assignments.contract.ts';
import { openImportContract } from './handlers/imports/open-import.contract.ts';
import { getImportContract } from './handlers/imports/get-import.contract.ts';
import { issueReportContract } from './handlers/reports/issue-report.contract.ts';
import { readReportContract } from './handlers/reports/read-report.contract.ts';
import { reportKeysContract } from './handlers/reports/report-keys.contract.ts';
import { fileObjectionContract } from './handlers/objections/file-objection.contract.ts';
import { trackObjectionContract } from './handlers/objections/track-objection.contract.ts';
import { listObjectionsContract } from './handlers/objections/list-objections.contract.ts';
import { decideObjectionContract } from './handlers/objections/decide-objection.contract.ts';
import { fileRepairApplicationContract } from './handlers/repair-applications/file-repair-application.contract.ts';
import { trackRepairApplicationContract } from './handlers/repair-applications/track-repair-application.contract.ts';
import { listRepairApplicationsContract } from './handlers/repair-applications/list-repair-applications.contract.ts';
import { decideRepairApplicationContract } from './handlers/repair-applications/decide-repair-application.contract.ts';

/**
 * Every endpoint's contract. The capability list (CDK and the local gateway), the OpenAPI document
 * and the tests' response checks read this list; it imports contracts only, never a handler.
 */
export const contracts: readonly Contract[] = [
  healthContract,
  openApiDocumentContract,
  putEntityContract,
  getEntityContract,
  createRecordContract,
  listRecordsContract,
  retractRecordContract,
  endRecordContract,
  repairRecordContract,
  correctRecordContract,
  openImportContract,
  getImportContract,
  putMemorandumContract,
  listMemorandaContract,
  getMemorandumContract,
  readCatalogueContract,
  runCheckContract,
  runBatchCheckContract,
  giveFeedbackContract,
  getCheckContract,
  listAwaitingContract,
  readLedgerContract,
  listNoticesContract,
  makeCommitmentContract,
  verifyCommitmentContract,
  listCommitmentsContract,
  listSubjectCommitmentsContract,
  submitApprovalContract,
  getApprovalContract,
  listApprovalsContract,
  listTasksContract,
  completeTaskContract,
  putInspectorContract,
  listInspectorsContract,
  createPlanContract,
  drawPlanContract,
  recordResultContract,
  getPlanContract,
  getPlanPopulationContract,
  listPlansContract,
  listAssignmentsContract,
  getPublicReportContract,
  searchSubjectsContract,
  getPublicPlanContract,
  listPublicPlansContract,
  issueReportContract,
  readReportContract,
  reportKeysContract,
  fileObjectionContract,
  trackObjectionContract,
  listObjectionsContract,
  decideObjectionContract,
  fileRepairApplicationContract,
  trackRepairApplicationContract,
  listRepairApplicationsContract,
  decideRepairApplicationContract,
];
