/**
 * 告知承诺 credit records (`/api/credit-records`): a promise found false, against the enterprise
 * (written by the worker). Coordinators list every record and clear one with a reason; an
 * enterprise lists its own; departments have none to read (a record is about the enterprise, not
 * their items).
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { CreditRecordStore } from '../../db/credit-records';
import type { AppEnv } from '../auth/middleware';
import { AppError } from '../errors';
import { BEARER, errorResponses, json, jsonBody, ZNoQuery } from '../openapi';
import { ZClearCreditRecord, ZCreditRecordList, ZCreditRecordParams, ZCreditRecordView } from './credit-records.types';

const tags = ['credit-records'];

const list = createRoute({
  method: 'get',
  path: '/api/credit-records',
  tags,
  summary: '告知承诺 credit records, newest first: every record (coordinators) or your own (enterprises)',
  security: BEARER,
  request: { query: ZNoQuery },
  responses: { 200: json(ZCreditRecordList, 'the records'), ...errorResponses(400, 401, 403, 503) },
});

const clear = createRoute({
  method: 'post',
  path: '/api/credit-records/{id}/clear',
  tags,
  summary: 'Clear a credit record with a reason (coordinators): the enterprise may sign promises again unless another record stands',
  security: BEARER,
  request: { params: ZCreditRecordParams, body: jsonBody(ZClearCreditRecord) },
  responses: { 200: json(ZCreditRecordView, 'cleared'), ...errorResponses(400, 401, 403, 404, 409, 415, 503) },
});

export function creditRecordRoutes(app: OpenAPIHono<AppEnv>, deps: { credit: CreditRecordStore; now: () => Date }): void {
  app.openapi(list, async (c) => {
    const user = c.get('user');
    if (user.role === 'department') throw new AppError('FORBIDDEN', 'credit records are about enterprises: coordinators and the enterprise itself read them');
    const scope = user.role === 'enterprise' ? { enterpriseId: user.enterpriseId! } : {};
    return c.json({ records: await deps.credit.records(scope) }, 200);
  });

  app.openapi(clear, async (c) => {
    const user = c.get('user');
    if (user.role !== 'coordinator') throw new AppError('FORBIDDEN', 'only a coordinator clears a credit record');
    const { id } = c.req.valid('param');
    const cleared = await deps.credit.clear(id, user.username, c.req.valid('json').reason, deps.now());
    if (cleared === undefined) throw AppError.notFound(`credit record ${id}`);
    if (cleared === 'already') throw new AppError('CONFLICT', `credit record ${id} is already cleared`, [{ path: 'id', message: 'already cleared' }]);
    return c.json(cleared, 200);
  });
}
