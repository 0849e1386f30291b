/** `POST /api/auth/login` (throttled) and `GET /api/me`. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../auth/middleware';
import type { LoginThrottle } from '../auth/rate-limit';
import type { TokenIssuer } from '../auth/tokens';
import { AppError } from '../errors';
import { BEARER, errorResponses, json, jsonBody, ZNoQuery } from '../openapi';
import type { UserDirectory } from '../users/store';
import { ZLoginRequest, ZLoginResponse, ZUserView } from './auth.types';

const login = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: ['auth'],
  summary: 'Log in with username and password; returns a bearer token with its expiry',
  request: { body: jsonBody(ZLoginRequest) },
  responses: { 200: json(ZLoginResponse, 'logged in'), ...errorResponses(400, 401, 415, 429) },
});

const me = createRoute({
  method: 'get',
  path: '/api/me',
  tags: ['auth'],
  summary: 'The logged-in user',
  security: BEARER,
  request: { query: ZNoQuery },
  responses: { 200: json(ZUserView, 'the caller'), ...errorResponses(400, 401) },
});

export interface AuthDeps {
  users: UserDirectory;
  tokens: TokenIssuer;
  throttle: LoginThrottle;
  clientAddress: (c: Context) => string;
  now: () => Date;
}

export function loginRoutes(app: OpenAPIHono<AppEnv>, deps: AuthDeps): void {
  app.openapi(login, async (c) => {
    const { username, password } = c.req.valid('json');
    const address = deps.clientAddress(c);
    // Counted as a failure from here on, unless the password turns out right.
    const attempt = await deps.throttle.begin(address, username);
    const user = await deps.users.authenticate(username, password);
    if (!user) throw new AppError('UNAUTHENTICATED', 'wrong username or password');
    await attempt.succeeded();
    const { token, expiresAt } = await deps.tokens.issue(user.username, deps.now());
    return c.json({ token, tokenType: 'Bearer' as const, expiresAt, user }, 200);
  });
}

export function meRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(me, (c) => c.json(c.get('user'), 200));
}
