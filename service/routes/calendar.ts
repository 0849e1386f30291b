/**
 * `GET /api/calendar/due` and `/workdays`: the official working-day calendar (行政许可法
 * art. 82: limits count working days) as the service has it now, for forms and integrators.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CalendarRangeError, type WorkingCalendar } from '../../definitions/calendar/working-calendar';
import type { AppEnv } from '../auth/middleware';
import { AppError } from '../errors';
import { BEARER, errorResponses, json } from '../openapi';
import { ZDueQuery, ZDueResponse, ZWorkdaysQuery, ZWorkdaysResponse } from './calendar.types';

const due = createRoute({
  method: 'get',
  path: '/api/calendar/due',
  tags: ['calendar'],
  summary: 'The due date and instant `days` working days after `start`',
  security: BEARER,
  request: { query: ZDueQuery },
  responses: { 200: json(ZDueResponse, 'the due date'), ...errorResponses(400, 401) },
});

const workdays = createRoute({
  method: 'get',
  path: '/api/calendar/workdays',
  tags: ['calendar'],
  summary: 'Working days in (from, to]',
  security: BEARER,
  request: { query: ZWorkdaysQuery },
  responses: { 200: json(ZWorkdaysResponse, 'the count'), ...errorResponses(400, 401) },
});

/** Dates outside the calendar's range are the caller's input problem, not a 500. */
function inRange<T>(path: string, compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (err instanceof CalendarRangeError) throw AppError.validation([{ path, message: err.message }]);
    throw err;
  }
}

export function calendarRoutes(app: OpenAPIHono<AppEnv>, deps: { calendar: () => WorkingCalendar }): void {
  app.openapi(due, (c) => {
    const { start, days } = c.req.valid('query');
    const calendar = deps.calendar();
    const result = inRange('query.start', () => calendar.addWorkdays(start, days));
    return c.json({ start, days, dueDate: result.date, dueAt: calendar.dueInstant(start, days), provisional: result.provisional, calendarFingerprint: calendar.fingerprint }, 200);
  });

  app.openapi(workdays, (c) => {
    const { from, to } = c.req.valid('query');
    const calendar = deps.calendar();
    const result = inRange('query.from', () => calendar.workdaysBetween(from, to));
    return c.json({ from, to, workdays: result.count, provisional: result.provisional, calendarFingerprint: calendar.fingerprint }, 200);
  });
}
