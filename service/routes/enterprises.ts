/**
 * The enterprise directory (`/api/enterprises`). Coordinators list and search it, add entries
 * (confirmed), edit them and confirm pending ones. An enterprise account whose enterprise is not
 * listed asks to be (a pending entry under its own id, for a coordinator to confirm) and reads
 * its own entry only. Departments have no access: they read names through the project lists.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/middleware';
import { EnterpriseTaken, type EnterpriseDirectory } from '../enterprises/store';
import { AppError } from '../errors';
import { BEARER, errorResponses, json, jsonBody, ZNoQuery } from '../openapi';
import type { TPublicUser } from '../users/store';
import { ZEnterpriseChange, ZEnterpriseList, ZEnterpriseParams, ZEnterpriseQuery, ZEnterpriseView, ZNewEnterprise } from './enterprises.types';

const tags = ['enterprises'];

const list = createRoute({
  method: 'get',
  path: '/api/enterprises',
  tags,
  summary: 'The directory (coordinators): search by name or credit code, filter by status, pending entries first',
  security: BEARER,
  request: { query: ZEnterpriseQuery },
  responses: { 200: json(ZEnterpriseList, 'one page'), ...errorResponses(400, 401, 403, 503) },
});

const create = createRoute({
  method: 'post',
  path: '/api/enterprises',
  tags,
  summary: "Add an enterprise: a coordinator's entry is confirmed; an enterprise account asks for its own, pending a coordinator's confirmation",
  security: BEARER,
  request: { body: jsonBody(ZNewEnterprise) },
  responses: { 201: json(ZEnterpriseView, 'added'), ...errorResponses(400, 401, 403, 409, 415, 503) },
});

const read = createRoute({
  method: 'get',
  path: '/api/enterprises/{id}',
  tags,
  summary: 'One entry (coordinators; an enterprise account its own)',
  security: BEARER,
  request: { params: ZEnterpriseParams, query: ZNoQuery },
  responses: { 200: json(ZEnterpriseView, 'the entry'), ...errorResponses(400, 401, 403, 404, 503) },
});

const edit = createRoute({
  method: 'patch',
  path: '/api/enterprises/{id}',
  tags,
  summary: 'Change the name, credit code, address or contacts of an entry (coordinators)',
  security: BEARER,
  request: { params: ZEnterpriseParams, body: jsonBody(ZEnterpriseChange) },
  responses: { 200: json(ZEnterpriseView, 'changed'), ...errorResponses(400, 401, 403, 404, 409, 415, 503) },
});

const confirm = createRoute({
  method: 'post',
  path: '/api/enterprises/{id}/confirm',
  tags,
  summary: "Confirm an enterprise's pending entry (coordinators): from then on projects may be registered for it",
  security: BEARER,
  request: { params: ZEnterpriseParams },
  responses: { 200: json(ZEnterpriseView, 'confirmed'), ...errorResponses(400, 401, 403, 404, 409, 503) },
});

/** @throws AppError FORBIDDEN for departments: they read names through the project lists */
function refuseDepartments(user: TPublicUser): void {
  if (user.role === 'department') throw new AppError('FORBIDDEN', 'the enterprise directory is for coordinators and enterprises');
}

/** @throws AppError FORBIDDEN unless the caller is a coordinator */
function coordinatorsOnly(user: TPublicUser, what: string): void {
  if (user.role !== 'coordinator') throw new AppError('FORBIDDEN', `only a coordinator ${what}`);
}

/** A taken id or credit code as 409 naming the field. */
function conflictOf(err: unknown): unknown {
  return err instanceof EnterpriseTaken ? new AppError('CONFLICT', err.message, [{ path: err.field, message: 'already in the directory' }]) : err;
}

export function enterpriseRoutes(app: OpenAPIHono<AppEnv>, deps: { enterprises: EnterpriseDirectory; now: () => Date }): void {
  const { enterprises } = deps;

  app.openapi(list, async (c) => {
    coordinatorsOnly(c.get('user'), 'lists the directory (an enterprise reads its own entry at /api/enterprises/{id})');
    const { q, status, pageSize = 20, page = 1 } = c.req.valid('query');
    return c.json({ ...(await enterprises.list({ q, status, pageSize, page })), page, pageSize }, 200);
  });

  app.openapi(create, async (c) => {
    const user = c.get('user');
    refuseDepartments(user);
    const { id: chosen, ...draft } = c.req.valid('json');
    if (user.role === 'enterprise' && chosen !== undefined && chosen !== user.enterpriseId) {
      throw new AppError('FORBIDDEN', 'an enterprise asks to list only itself', [{ path: 'id', message: 'not your enterprise: leave it out' }]);
    }
    // An enterprise's entry is its account's id; a coordinator's new one, unless chosen, follows from the (unique) credit code.
    const id = user.role === 'enterprise' ? user.enterpriseId! : (chosen ?? `ent-${draft.creditCode.toLowerCase()}`);
    const status = user.role === 'coordinator' ? 'confirmed' : 'pending';
    try {
      const added = await enterprises.add(id, draft, status, user.username, deps.now());
      c.header('Location', `/api/enterprises/${added.id}`);
      return c.json(added, 201);
    } catch (err) {
      throw conflictOf(err);
    }
  });

  app.openapi(read, async (c) => {
    const user = c.get('user');
    refuseDepartments(user);
    const { id } = c.req.valid('param');
    // Another enterprise's entry answers like one that does not exist.
    const entry = user.role === 'enterprise' && id !== user.enterpriseId ? undefined : await enterprises.get(id);
    if (!entry) throw AppError.notFound(`enterprise '${id}'`);
    return c.json(entry, 200);
  });

  app.openapi(edit, async (c) => {
    coordinatorsOnly(c.get('user'), 'edits the directory');
    const { id } = c.req.valid('param');
    let changed;
    try {
      changed = await enterprises.update(id, c.req.valid('json'), deps.now());
    } catch (err) {
      throw conflictOf(err);
    }
    if (!changed) throw AppError.notFound(`enterprise '${id}'`);
    return c.json(changed, 200);
  });

  app.openapi(confirm, async (c) => {
    const user = c.get('user');
    coordinatorsOnly(user, 'confirms an enterprise');
    const { id } = c.req.valid('param');
    const confirmed = await enterprises.confirm(id, user.username, deps.now());
    if (confirmed === undefined) throw AppError.notFound(`enterprise '${id}'`);
    if (confirmed === 'already') throw new AppError('CONFLICT', `enterprise '${id}' is confirmed already`);
    return c.json(confirmed, 200);
  });
}
