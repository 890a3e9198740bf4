import { serve } from '#http/endpoint.ts';
import { correctRecordEndpoint, endRecordEndpoint, repairRecordEndpoint, retractRecordEndpoint } from './change-record.ts';
import { createRecordEndpoint } from './create-record.ts';
import { listRecordsEndpoint } from './list-records.ts';
import { decideObjectionEndpoint, listObjectionsEndpoint } from '../objections/objections.ts';
import { decideRepairApplicationEndpoint, listRepairApplicationsEndpoint } from '../repair-applications/repair-applications.ts';

/** Records, and the objections and repair applications that their department decides. */
export const handler = serve(
  createRecordEndpoint,
  listRecordsEndpoint,
  retractRecordEndpoint,
  endRecordEndpoint,
  repairRecordEndpoint,
  correctRecordEndpoint,
  listObjectionsEndpoint,
  decideObjectionEndpoint,
  listRepairApplicationsEndpoint,
  decideRepairApplicationEndpoint,
);
