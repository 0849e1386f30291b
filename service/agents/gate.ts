/**
 * The agent gate: every authenticated request of an agent (代办) — or of a coordinator's 帮办
 * acting as one, with `X-On-Behalf-Of: <enterprise>` — passes here. On a project's routes the
 * agent becomes the enterprise of a delegation in force that covers the project (the actor then
 * says "agent X for enterprise Y"); without one the project does not exist for it (404, like any
 * project one may not see). The project list shows the delegated projects of the enterprise the
 * switcher chose (`X-On-Behalf-Of`). Reference data (definitions, the calendar) it reads as itself;
 * everything else is refused: an agent has no work of its own.
 * Delegations are read on every request (no cache), so a revocation holds at once.
 */
import { createMiddleware } from 'hono/factory';
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import type { AppEnv } from '../auth/middleware';
import { AppError } from '../errors';
import type { ProjectGateway } from '../projects/gateway';
import type { TPublicUser } from '../users/store';
import { covers, inForce, type TDelegation } from './delegation';
import type { DelegationStore } from './store';

export const ON_BEHALF_OF = 'X-On-Behalf-Of';

/** Routes an agent reads as itself: who it is, what it was delegated, and its inbox of the delegated projects' tasks (agents/inbox.ts). */
const OWN_ROUTES = new Set(['/api/me', '/api/delegations/mine']);
const OWN_READS = new Set(['/api/tasks']);
/** Reference data, the same for everyone (process definitions, the calendar): an agent reads it to show its projects. */
const REFERENCE_READS = /^\/api\/(definitions|calendar)(\/|$)/;
const PROJECT_ROUTE = /^\/api\/projects\/([^/]+)(?:\/.*)?$/;

export interface TAgentGateDeps {
  delegations: Pick<DelegationStore, 'ofAgent'>;
  projects: ProjectGateway;
  calendar: () => WorkingCalendar;
  now: () => Date;
}

/** The enterprise's user the agent becomes on a delegation (listed projects only, when the delegation lists them). */
export function actingAs(agent: TPublicUser, enterpriseId: string, delegations: readonly TDelegation[]): TPublicUser {
  const all = delegations.some((d) => d.projectIds === undefined);
  return {
    username: agent.username,
    displayName: agent.displayName,
    role: 'enterprise',
    enterpriseId,
    onBehalfOf: enterpriseId,
    ...(all ? {} : { delegatedProjectIds: [...new Set(delegations.flatMap((d) => d.projectIds ?? []))] }),
  };
}

export function agentGate(deps: TAgentGateDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = c.get('user');
    if (user.onBehalfOf !== undefined) return next(); // mapped already (a path matched twice)
    const asked = c.req.header(ON_BEHALF_OF);
    // A coordinator's 帮办 acts as agent only when it says so, on a delegation to its own account.
    if (user.role !== 'agent' && !(user.role === 'coordinator' && asked !== undefined)) return next();
    if (asked !== undefined && user.role !== 'agent' && user.role !== 'coordinator') {
      throw new AppError('FORBIDDEN', `only an agent or a coordinator acts on behalf of an enterprise`);
    }
    const path = c.req.path.replace(/\/+$/, '');
    if (OWN_ROUTES.has(path) || (c.req.method === 'GET' && (REFERENCE_READS.test(path) || OWN_READS.has(path)))) return next();
    const today = deps.calendar().dateOf(deps.now().getTime());
    const project = PROJECT_ROUTE.exec(path);
    if (project) {
      const projectId = decodeURIComponent(project[1]!);
      // The project's enterprise from its view: one query more per agent request, and nothing to keep in step.
      const { enterpriseId } = await deps.projects.view(projectId).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'NOT_FOUND') throw AppError.notFound(`project '${projectId}'`);
        throw err;
      });
      const held = (await deps.delegations.ofAgent(user.username, enterpriseId)).filter((d) => covers(d, { enterpriseId, projectId }, today));
      if (held.length === 0 || (asked !== undefined && asked !== enterpriseId)) throw AppError.notFound(`project '${projectId}'`);
      c.set('user', actingAs(user, enterpriseId, held));
      return next();
    }
    if (path === '/api/projects' && c.req.method === 'GET') {
      const inForceNow = (await deps.delegations.ofAgent(user.username)).filter((d) => inForce(d, today));
      const enterprises = [...new Set(inForceNow.map((d) => d.enterpriseId))];
      const enterpriseId = asked ?? (enterprises.length === 1 ? enterprises[0] : undefined);
      if (enterpriseId === undefined) {
        throw AppError.validation([
          { path: ON_BEHALF_OF, message: `the enterprise to act for, one of: ${enterprises.join(', ') || '(no delegation in force)'}` },
        ]);
      }
      const held = inForceNow.filter((d) => d.enterpriseId === enterpriseId);
      // No delegation for it: an empty list, as for an enterprise without projects.
      c.set('user', held.length > 0 ? actingAs(user, enterpriseId, held) : { ...actingAs(user, enterpriseId, []), delegatedProjectIds: [] });
      return next();
    }
    throw new AppError('FORBIDDEN', 'an agent acts only on the projects delegated to it (GET /api/delegations/mine)');
  });
}
