/**
 * Exactly-once decisions at the API. Every command has a key (the client's `Idempotency-Key`, or
 * one minted here and returned in that header); the key names its Temporal Update id, so the
 * same key never applies twice. When the outcome is not known in time the answer is `202` with a
 * `Location` to poll (`GET /api/projects/{id}/events/{key}`), never a "retry" for a decision that
 * may have been applied.
 */
import { randomUUID } from 'node:crypto';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../auth/middleware';
import { AppError } from '../errors';
import { fingerprintOf, IDEMPOTENCY_KEY } from '../idempotency';
import { BEARER, errorResponses, json } from '../openapi';
import { assertVisible } from '../projects/access';
import type { ProjectGateway } from '../projects/gateway';
import { actorOf } from '../users/store';
import { ZDecisionAnswer, ZProjectParams } from './projects.types';

/** Seconds a client waits between polls of a pending decision. */
export const POLL_AFTER_SECONDS = 2;

export const ZDecisionPending = z
  .object({
    status: z.literal('pending'),
    /** The command's key: poll `location`, or send the same command again with this key (it applies once). */
    idempotencyKey: z.string(),
    location: z.string(),
  })
  .openapi('DecisionPending');

export const ZDecisionParams = ZProjectParams.extend({
  key: z
    .string()
    .regex(IDEMPOTENCY_KEY, '1–200 visible ASCII characters')
    .openapi({ param: { name: 'key', in: 'path' } }),
});

/** The caller's key, or a new one (returned in the `Idempotency-Key` response header either way). */
export function commandKey(c: Context, given: string | undefined): string {
  const key = given ?? randomUUID();
  c.header('Idempotency-Key', key);
  return key;
}

/** The Temporal Update id of a caller's command: the same caller, project and key always give the same id. */
export const updateIdOf = (username: string, projectId: string, key: string) => `idem-${fingerprintOf(`${username}|${projectId}|${key}`)}`;

export const pendingLocation = (projectId: string, key: string) => `/api/projects/${encodeURIComponent(projectId)}/events/${encodeURIComponent(key)}`;

/** The 202 answer of a decision whose outcome is not known yet. */
export function pendingBody(c: Context, projectId: string, key: string) {
  const location = pendingLocation(projectId, key);
  c.header('Location', location);
  c.header('Retry-After', String(POLL_AFTER_SECONDS));
  return { status: 'pending' as const, idempotencyKey: key, location };
}

const outcome = createRoute({
  method: 'get',
  path: '/api/projects/{id}/events/{key}',
  tags: ['projects'],
  summary: 'The outcome of a decision sent with this Idempotency-Key: 200 applied (the state), 202 still pending, 409 refused, 404 never received',
  security: BEARER,
  request: { params: ZDecisionParams },
  responses: {
    200: json(ZDecisionAnswer, 'applied: what it changed and the new version'),
    202: json(ZDecisionPending, 'not settled yet: poll again after Retry-After'),
    ...errorResponses(400, 401, 404, 409, 503),
  },
});

export function decisionRoutes(app: OpenAPIHono<AppEnv>, deps: { projects: ProjectGateway }): void {
  app.openapi(outcome, async (c) => {
    const user = c.get('user');
    const { id, key } = c.req.valid('param');
    assertVisible(user, await deps.projects.view(id), id);
    const result = await deps.projects.decisionOutcome(id, actorOf(user), updateIdOf(user.username, id, key));
    if (result.state === 'pending') return c.json(pendingBody(c, id, key), 202);
    if (result.state === 'unknown') {
      throw new AppError(
        'NOT_FOUND',
        `no decision with this key reached project '${id}': send the command again with the same Idempotency-Key (it applies once)`,
        [{ path: 'key', message: 'not received' }],
      );
    }
    return c.json(result.result, 200);
  });
}
