import { requireRole } from '#http/auth.ts';
import { capabilityHandler, json } from '#http/handler.ts';
import { encodeCursor, parsePage } from '#http/pagination.ts';
import { listNotices } from '#data/notices.ts';

export const handler = capabilityHandler({
  'GET /v1/notices': async (request) => {
    const caller = requireRole(request.caller, 'checker');
    const page = parsePage(request);
    const { notices, next } = await listNotices(caller.dept, page.limit, page.cursor);
    const nextCursor = encodeCursor(request, next);
    return json(200, { notices, ...(nextCursor ? { nextCursor } : {}) });
  },
});
