/**
 * The service's one error type and one error body. Every refusal is an `AppError` with a
 * code; one map gives its HTTP status; one handler writes `{ error: { code, message, issues } }`.
 * Anything else becomes `INTERNAL` with a fixed message: no stack trace or internal text leaks.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const ERROR_STATUS = {
  VALIDATION: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  DECISION_REJECTED: 409,
  /** A decision on a project whose workflow has closed (ended, rating window over). */
  PROJECT_ENDED: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  /** An enterprise's registrations or uploads over its quota (service/quotas.ts). */
  QUOTA_EXCEEDED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const satisfies Record<string, ContentfulStatusCode>;
export type TErrorCode = keyof typeof ERROR_STATUS;

export const ZIssue = z.object({ path: z.string(), message: z.string() }).openapi('Issue');
export type TIssue = z.infer<typeof ZIssue>;

export const ZErrorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [TErrorCode, ...TErrorCode[]]),
      message: z.string(),
      issues: z.array(ZIssue),
    }),
  })
  .openapi('Error');
export type TErrorBody = z.infer<typeof ZErrorBody>;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly issues: TIssue[] = [],
    /** Extra response headers, e.g. `Retry-After` on RATE_LIMITED. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }

  body(): TErrorBody {
    return { error: { code: this.code, message: this.message, issues: this.issues } };
  }

  static validation(issues: TIssue[], message = 'the request is not valid'): AppError {
    return new AppError('VALIDATION', `${message}: ${issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; ')}`, issues);
  }

  /** The same answer for "does not exist" and "not yours", so ids cannot be probed. */
  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }
}

/** zod issues as `{ path: 'a.b.0', message }`, the path prefixed with where the value came from. */
export function zodIssues(error: z.ZodError, prefix?: string): TIssue[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter((p) => p !== undefined && p !== '').join('.'), message: i.message }));
}

/** Hono's own refusals (malformed JSON, wrong content type, body limit) in our body. */
function fromHttpException(err: HTTPException): AppError {
  switch (err.status) {
    case 400:
      if (/FormData/i.test(err.message)) return AppError.validation([{ path: '', message: 'the body is not valid multipart/form-data' }]);
      return new AppError('MALFORMED_JSON', 'the body is not valid JSON', [{ path: '', message: err.message }]);
    case 401:
      return new AppError('UNAUTHENTICATED', 'a valid bearer token is required');
    case 413:
      return new AppError('PAYLOAD_TOO_LARGE', 'the body is too large');
    case 415:
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json', [{ path: 'Content-Type', message: 'expected application/json' }]);
    default:
      return err.status >= 500 ? new AppError('INTERNAL', 'internal error') : new AppError('VALIDATION', err.message);
  }
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) return fromHttpException(err);
  return new AppError('INTERNAL', 'internal error');
}

/** Seconds to wait before retrying a 503 that names no time of its own. */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

export function errorResponse(c: Context, error: AppError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  // Every 503 says when to come back (a load balancer or client backs off instead of hammering).
  if (error.code === 'UNAVAILABLE' && !Object.keys(error.headers).some((h) => h.toLowerCase() === 'retry-after'))
    c.header('Retry-After', String(DEFAULT_RETRY_AFTER_SECONDS));
  return c.json(error.body(), error.status);
}
