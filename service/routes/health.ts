/** `GET /api/health` (no token): the service, the Temporal connection and the worker's polling. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/middleware';
import { json } from '../openapi';

export const ZHealth = z
  .object({
    status: z.enum(['ok', 'degraded']),
    service: z.literal('ok'),
    temporal: z.enum(['ok', 'unreachable', 'not-configured']),
    worker: z.enum(['ok', 'no-pollers', 'unknown']),
  })
  .openapi('Health');
export type THealth = z.infer<typeof ZHealth>;
export type TEngineHealth = Pick<THealth, 'temporal' | 'worker'>;

const health = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['health'],
  summary: 'Whether the service, Temporal and a worker are up (503 when degraded)',
  responses: { 200: json(ZHealth, 'everything is up'), 503: json(ZHealth, 'Temporal or the worker is not available') },
});

export function healthRoutes(app: OpenAPIHono<AppEnv>, deps: { engineHealth?: () => Promise<TEngineHealth> }): void {
  app.openapi(health, async (c) => {
    const engine: TEngineHealth = deps.engineHealth ? await deps.engineHealth() : { temporal: 'not-configured', worker: 'unknown' };
    const ok = engine.temporal === 'ok' && engine.worker === 'ok';
    const body: THealth = { status: ok ? 'ok' : 'degraded', service: 'ok', ...engine };
    return ok ? c.json(body, 200) : c.json(body, 503);
  });
}
