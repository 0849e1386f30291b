/**
 * Follow-up cases (`/api/follow-up-cases`): a bad rating opens one (service/follow-up/cases.ts),
 * an enterprise files a complaint (投诉) about a project or one of its events. The coordinator
 * sees every case, a department those concerning it, an enterprise its own; any other case does
 * not exist for the caller (404). Supervision reads the figures at `/api/supervision/follow-up`.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import type { AppEnv } from '../auth/middleware';
import { AppError } from '../errors';
import type { FollowUpCases, TCaseScope, TFollowUpCase } from '../follow-up/cases';
import { BEARER, errorResponses, json, jsonBody, ZNoQuery } from '../openapi';
import { assertVisible } from '../projects/access';
import type { ProjectGateway } from '../projects/gateway';
import { actorOf, type TPublicUser } from '../users/store';
import { ZCaseParams, ZCaseStep, ZComplaint, ZFollowUpCase, ZFollowUpCaseList, ZFollowUpStats } from './follow-up.types';

const tags = ['follow-up'];

const list = createRoute({
  method: 'get',
  path: '/api/follow-up-cases',
  tags,
  summary: 'Follow-up cases of bad ratings and complaints the caller may see, newest first',
  security: BEARER,
  request: { query: ZNoQuery },
  responses: { 200: json(ZFollowUpCaseList, 'the cases'), ...errorResponses(400, 401, 403) },
});

const detail = createRoute({
  method: 'get',
  path: '/api/follow-up-cases/{id}',
  tags,
  summary: 'One follow-up case with its steps, due date and card',
  security: BEARER,
  request: { params: ZCaseParams },
  responses: { 200: json(ZFollowUpCase, 'the case'), ...errorResponses(400, 401, 404) },
});

const complain = createRoute({
  method: 'post',
  path: '/api/follow-up-cases',
  tags,
  summary: 'File a complaint (投诉) about a project or one of its events (the enterprise)',
  security: BEARER,
  request: { body: jsonBody(ZComplaint) },
  responses: { 201: json(ZFollowUpCase, 'the complaint, opened as a case'), ...errorResponses(400, 401, 403, 404, 415) },
});

const act = createRoute({
  method: 'post',
  path: '/api/follow-up-cases/{id}/steps',
  tags,
  summary: 'Take the next step of a case: call back, verify, correct, explain, appeal, decide the appeal, close',
  security: BEARER,
  request: { params: ZCaseParams, body: jsonBody(ZCaseStep) },
  responses: { 200: json(ZFollowUpCase, 'the case after the step'), ...errorResponses(400, 401, 404, 409, 415) },
});

const stats = createRoute({
  method: 'get',
  path: '/api/supervision/follow-up',
  tags,
  summary: 'Supervision: bad ratings and complaints followed up, closed in time, overdue (coordinators)',
  security: BEARER,
  request: { query: ZNoQuery },
  responses: { 200: json(ZFollowUpStats, 'the figures'), ...errorResponses(400, 401, 403) },
});

function scopeOf(user: TPublicUser): TCaseScope {
  if (user.role === 'coordinator') return {};
  if (user.role === 'department') return { departmentId: user.departmentId! };
  if (user.role === 'enterprise') return { enterpriseId: user.enterpriseId! };
  throw new AppError('FORBIDDEN', 'follow-up cases are for the coordinator, the departments and the enterprises');
}

const sees = (user: TPublicUser, c: TFollowUpCase) => {
  const scope = scopeOf(user);
  return 'departmentId' in scope ? c.departmentId === scope.departmentId : 'enterpriseId' in scope ? c.enterpriseId === scope.enterpriseId : true;
};

export function followUpRoutes(app: OpenAPIHono<AppEnv>, deps: { cases: FollowUpCases; projects: ProjectGateway }): void {
  const visibleCase = async (user: TPublicUser, id: string) => {
    const found = await deps.cases.get(id);
    if (!found || !sees(user, found)) throw AppError.notFound(`case ${id}`);
    return found;
  };

  app.openapi(list, async (c) => c.json({ cases: await deps.cases.list(scopeOf(c.get('user'))) }, 200));

  app.openapi(detail, async (c) => c.json(await visibleCase(c.get('user'), c.req.valid('param').id), 200));

  app.openapi(act, async (c) => {
    const user = c.get('user');
    const current = await visibleCase(user, c.req.valid('param').id);
    const { type, note } = c.req.valid('json');
    return c.json(await deps.cases.act(current, actorOf(user), type, note), 200);
  });

  app.openapi(complain, async (c) => {
    const user = c.get('user');
    if (user.role !== 'enterprise') throw new AppError('FORBIDDEN', 'an enterprise files a complaint about its own project');
    const { projectId, historySeq, text } = c.req.valid('json');
    const view = await deps.projects.view(projectId);
    assertVisible(user, view, projectId);
    let departmentId: string | null = null;
    if (historySeq !== undefined) {
      const entry = (await deps.projects.history(projectId)).find((h) => h.seq === historySeq);
      if (!entry) throw AppError.validation([{ path: 'historySeq', message: `no event ${historySeq} in project '${projectId}'` }]);
      departmentId = entry.actor.role === 'department' ? (entry.actor.departmentId ?? null) : null;
    }
    const opened = await deps.cases.open({
      kind: 'complaint',
      sourceKey: `complaint:${randomUUID()}`,
      projectId,
      enterpriseId: view.enterpriseId,
      departmentId,
      subject: text,
    });
    return c.json(opened, 201);
  });

  app.openapi(stats, async (c) => {
    if (c.get('user').role !== 'coordinator') throw new AppError('FORBIDDEN', 'supervision is for coordinators');
    return c.json(await deps.cases.stats(), 200);
  });
}
