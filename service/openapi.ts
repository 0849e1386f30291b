/**
 * The OpenAPI document, generated from the same zod schemas that validate requests, served at
 * `GET /api/openapi.json`; and the response declarations every route shares.
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { type ERROR_STATUS, ZErrorBody } from './errors';

export const BEARER = [{ bearerAuth: [] as string[] }];

const REASONS: Record<number, string> = {
  400: 'bad input: the body names each field path and reason',
  401: 'no valid bearer token',
  403: 'the caller may not do this',
  404: "no such resource, or not the caller's",
  409: 'refused in the current state',
  413: 'body too large',
  415: 'body not sent as application/json',
  422: 'Idempotency-Key reused with a different body',
  429: 'too many attempts',
  503: 'Temporal is unreachable',
};

/** Error responses for a route, all with the one error body. */
export function errorResponses(...statuses: (typeof ERROR_STATUS)[keyof typeof ERROR_STATUS][]) {
  return Object.fromEntries(
    [...new Set([...statuses, 500 as const])].map((s) => [
      s,
      { description: REASONS[s] ?? 'internal error (no details)', content: { 'application/json': { schema: ZErrorBody } } },
    ]),
  ) as Record<(typeof statuses)[number] | 500, { description: string; content: { 'application/json': { schema: typeof ZErrorBody } } }>;
}

/** An optional whole-number query parameter (paging) between `min` and `max`, read from its text. */
export const wholeQuery = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'expected a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `between ${min} and ${max}`)
    .optional()
    .openapi({ type: 'integer' });

/** The query of a route that takes none: any parameter is an unknown field (400), as everywhere else. */
export const ZNoQuery = z.object({}).strict();

/** JSON response declaration. */
export function json<T>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** JSON request body declaration (required: an absent body is a 400, not `{}`). */
export function jsonBody<T>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

export function serveOpenApi<E extends Env>(app: OpenAPIHono<E>, version: string): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  app.doc('/api/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'Parallel Approvals API',
      version,
      description:
        'Three-stage parallel approval of industrial projects (前期准备, 开工审批, 监管验收) for coordinators, departments and enterprises. Errors: `{ error: { code, message, issues: [{ path, message }] } }`.',
    },
  });
}
