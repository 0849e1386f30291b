/**
 * Delegations (`/api/delegations`): a coordinator records that an enterprise lets an agent act
 * for it (all or listed projects, from–to dates) and revokes it; the revocation holds from the
 * next request on (service/agents/gate.ts reads delegations on every request). A delegation may
 * name a coordinator: the 帮办 acting as agent when the enterprise asks. An agent reads its own.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ZDelegation, ZDelegationDraft } from '../agents/delegation';
import type { DelegationStore } from '../agents/store';
import type { AppEnv } from '../auth/middleware';
import type { EnterpriseDirectory } from '../enterprises/store';
import { AppError } from '../errors';
import { BEARER, errorResponses, json, jsonBody, ZNoQuery } from '../openapi';
import type { UserDirectory } from '../users/store';
import { ZDelegateList, ZDelegationList, ZDelegationParams } from './delegations.types';

const tags = ['delegations'];

const list = createRoute({
  method: 'get',
  path: '/api/delegations',
  tags,
  summary: 'Every delegation to an agent, newest first (coordinators)',
  security: BEARER,
  request: { query: ZNoQuery },
  responses: { 200: json(ZDelegationList, 'the delegations'), ...errorResponses(400, 401, 403) },
});

const mine = createRoute({
  method: 'get',
  path: '/api/delegations/mine',
  tags,
  summary: "The caller's own delegations (an agent, or a coordinator acting as one): the enterprises and projects it may act for",
  security: BEARER,
  request: { query: ZNoQuery },
  responses: { 200: json(ZDelegationList, 'the delegations'), ...errorResponses(400, 401) },
});

const agents = createRoute({
  method: 'get',
  path: '/api/delegations/agents',
  tags,
  summary: 'Who may be delegated to: the active agent accounts, then the coordinators (帮办), by name (coordinators)',
  security: BEARER,
  request: { query: ZNoQuery },
  responses: { 200: json(ZDelegateList, 'the agents and coordinators'), ...errorResponses(400, 401, 403) },
});

const record = createRoute({
  method: 'post',
  path: '/api/delegations',
  tags,
  summary: "Record an enterprise's delegation to an agent or a coordinator (coordinators)",
  security: BEARER,
  request: { body: jsonBody(ZDelegationDraft) },
  responses: { 201: json(ZDelegation, 'recorded'), ...errorResponses(400, 401, 403, 415) },
});

const revoke = createRoute({
  method: 'post',
  path: '/api/delegations/{id}/revoke',
  tags,
  summary: 'Revoke a delegation at once (coordinators)',
  security: BEARER,
  request: { params: ZDelegationParams },
  responses: { 200: json(ZDelegation, 'revoked'), ...errorResponses(400, 401, 403, 404) },
});

const coordinatorOnly = (role: string) => {
  if (role !== 'coordinator') throw new AppError('FORBIDDEN', 'only a coordinator records and revokes delegations');
};

export function delegationRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { delegations: DelegationStore; users: UserDirectory; enterprises: EnterpriseDirectory; now: () => Date },
): void {
  app.openapi(list, async (c) => {
    coordinatorOnly(c.get('user').role);
    return c.json({ delegations: await deps.delegations.list() }, 200);
  });

  app.openapi(agents, async (c) => {
    coordinatorOnly(c.get('user').role);
    const active = await deps.users.listActive({ roles: ['agent', 'coordinator'] });
    // Agents first: a coordinator acts as agent only when the enterprise asks it to.
    const order = (role: string) => (role === 'agent' ? 0 : 1);
    const delegates = active
      .sort((a, b) => order(a.role) - order(b.role) || a.username.localeCompare(b.username))
      .map(({ username, displayName, role }) => ({ username, displayName, role: role as 'agent' | 'coordinator' }));
    return c.json({ delegates }, 200);
  });

  app.openapi(mine, async (c) => c.json({ delegations: await deps.delegations.list({ agentUsername: c.get('user').username }) }, 200));

  app.openapi(record, async (c) => {
    const user = c.get('user');
    coordinatorOnly(user.role);
    const draft = c.req.valid('json');
    const agent = await deps.users.find(draft.agentUsername);
    if (!agent || (agent.role !== 'agent' && agent.role !== 'coordinator')) {
      throw AppError.validation([{ path: 'agentUsername', message: 'an active agent account, or a coordinator (帮办) acting as agent' }]);
    }
    if (!(await deps.enterprises.get(draft.enterpriseId))) {
      throw AppError.validation([{ path: 'enterpriseId', message: 'an enterprise of the directory' }]);
    }
    return c.json(await deps.delegations.record({ ...draft, agentUsername: agent.username }, user.username, deps.now()), 201);
  });

  app.openapi(revoke, async (c) => {
    const user = c.get('user');
    coordinatorOnly(user.role);
    const { id } = c.req.valid('param');
    const revoked = await deps.delegations.revoke(id, user.username, deps.now());
    if (!revoked) throw AppError.notFound(`delegation ${id}`);
    return c.json(revoked, 200);
  });
}
