/**
 * `GET /api/colleagues`: the active users of the caller's department, the caller included, so
 * that its head can pick whom to assign a task to and a holder whom to transfer it to (issue 15).
 * Only department users have colleagues here; the service checks the picked user again on the command.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/middleware';
import { AppError } from '../errors';
import { BEARER, errorResponses, json, ZNoQuery } from '../openapi';
import type { UserDirectory } from '../users/store';
import { ZColleagueList } from './colleagues.types';

const colleagues = createRoute({
  method: 'get',
  path: '/api/colleagues',
  tags: ['work'],
  summary: "The active users of the caller's department, by username (department users)",
  security: BEARER,
  request: { query: ZNoQuery },
  responses: { 200: json(ZColleagueList, 'the colleagues'), ...errorResponses(400, 401, 403) },
});

export function colleagueRoutes(app: OpenAPIHono<AppEnv>, deps: { users: UserDirectory }): void {
  app.openapi(colleagues, async (c) => {
    const user = c.get('user');
    if (user.role !== 'department') throw new AppError('FORBIDDEN', 'colleagues are listed for department users');
    const users = await deps.users.listActive({ roles: ['department'], departmentId: user.departmentId });
    const list = users.map(({ username, displayName, leader, signoffRoles }) => ({
      username,
      displayName,
      ...(leader ? { leader } : {}),
      ...(signoffRoles ? { signoffRoles } : {}),
    }));
    return c.json({ colleagues: list }, 200);
  });
}
