import { endpoint, json } from '#http/endpoint.ts';
import { encodeCursor, parsePage } from '#http/pagination.ts';
import { decideRepairApplication, departmentRepairApplications, fileRepairApplication, ownRepairApplication, trackRepairApplication } from '#use-cases/repair-applications.ts';
import { decideRepairApplicationContract } from './decide-repair-application.contract.ts';
import { fileRepairApplicationContract } from './file-repair-application.contract.ts';
import { listRepairApplicationsContract } from './list-repair-applications.contract.ts';
import { trackRepairApplicationContract } from './track-repair-application.contract.ts';

export const fileRepairApplicationEndpoint = endpoint(fileRepairApplicationContract, async ({ body, headers, now }) => {
  const { created, filed } = await fileRepairApplication(body(), headers['Idempotency-Key'], now);
  return json(created ? 201 : 200, filed);
});

export const trackRepairApplicationEndpoint = endpoint(trackRepairApplicationContract, async ({ params, query }) => json(200, await trackRepairApplication(params.applicationId, query.code)));

export const listRepairApplicationsEndpoint = endpoint(listRepairApplicationsContract, async ({ query, caller, now, request }) => {
  const { applications, next } = await departmentRepairApplications(caller.dept, query.status, parsePage(request), now);
  const nextCursor = encodeCursor(request, next);
  return json(200, { applications, ...(nextCursor ? { nextCursor } : {}) });
});

export const decideRepairApplicationEndpoint = endpoint(decideRepairApplicationContract, async ({ params, caller, body, stamp, now }) => {
  const application = await ownRepairApplication(params.applicationId, caller.dept);
  return json(200, await decideRepairApplication(application, body(), stamp, now));
});
