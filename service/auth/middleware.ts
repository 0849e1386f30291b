/**
 * Every route but login, health and the OpenAPI document requires `Authorization: Bearer
 * <token>`; the token's user is looked up in the directory and put on the context.
 */
import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors';
import { stepStarts, timedStep } from '../step-timing';
import type { TPublicUser, UserDirectory } from '../users/store';
import type { TokenIssuer } from './tokens';

export type AppEnv = { Variables: { user: TPublicUser } };

const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message, [{ path: 'Authorization', message }], { 'WWW-Authenticate': 'Bearer' });

export function requireUser(deps: { users: UserDirectory; tokens: TokenIssuer; now: () => Date }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('Authorization');
    const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
    if (!match) throw unauthenticated('send Authorization: Bearer <token> (from POST /api/auth/login)');
    const username = await timedStep(c, 'token', () => deps.tokens.verify(match[1]!, deps.now()));
    // Read on every request (no cache): a user disabled on any replica is refused here at once.
    const user = username === undefined ? undefined : await timedStep(c, 'user', () => deps.users.find(username));
    if (!user) throw unauthenticated('the token is invalid or expired; log in again');
    c.set('user', user);
    stepStarts(c, 'validate');
    await next();
  });
}
