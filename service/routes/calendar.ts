/**
 * The official working-day calendar (行政许可法 art. 82: limits count working days) as the
 * service has it now: `GET /api/calendar` (what is in force), `/due` and `/workdays` for forms
 * and integrators; and, for coordinators, `POST /api/calendar/notices` (a newly published
 * year's notice) and `/overrides` (a local closure or extra working day), in force at once.
 * Running projects keep their calendar until a coordinator refreshes them
 * (`POST /api/projects/{id}/calendar/refresh`).
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ZCalendarOverride, ZHolidayNotice } from '../../definitions/calendar/official';
import { CalendarRangeError, type WorkingCalendar } from '../../definitions/calendar/working-calendar';
import type { AppEnv } from '../auth/middleware';
import type { CalendarData } from '../calendar-data';
import { AppError } from '../errors';
import { BEARER, errorResponses, json, jsonBody, ZNoQuery } from '../openapi';
import { ZCalendarInfo, ZDueQuery, ZDueResponse, ZWorkdaysQuery, ZWorkdaysResponse } from './calendar.types';

const info = createRoute({
  method: 'get',
  path: '/api/calendar',
  tags: ['calendar'],
  summary: 'The calendar in force: fingerprint, years covered, official years, loaded notices and overrides',
  security: BEARER,
  request: { query: ZNoQuery },
  responses: { 200: json(ZCalendarInfo, 'the calendar in force'), ...errorResponses(400, 401) },
});

const addNotice = createRoute({
  method: 'post',
  path: '/api/calendar/notices',
  tags: ['calendar'],
  summary: "Load a year's State Council holiday notice (coordinator); replaces an earlier one for that year and is in force at once",
  security: BEARER,
  request: { body: jsonBody(ZHolidayNotice) },
  responses: { 201: json(ZCalendarInfo, 'saved; the new calendar in force'), ...errorResponses(400, 401, 403, 415, 503) },
});

const addOverride = createRoute({
  method: 'post',
  path: '/api/calendar/overrides',
  tags: ['calendar'],
  summary: 'Add a local closure or extra working day (coordinator); replaces one for the same date and is in force at once',
  security: BEARER,
  request: { body: jsonBody(ZCalendarOverride) },
  responses: { 201: json(ZCalendarInfo, 'saved; the new calendar in force'), ...errorResponses(400, 401, 403, 415, 503) },
});

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

export interface CalendarDeps {
  calendar: () => WorkingCalendar;
  /** The data directory's calendar; without it (a fixed calendar) nothing can be saved. */
  calendarData?: CalendarData;
}

function describe(calendar: WorkingCalendar, data?: ReturnType<CalendarData['data']>) {
  return {
    calendarFingerprint: calendar.fingerprint,
    firstYear: calendar.snapshot.firstYear,
    lastYear: calendar.snapshot.lastYear,
    officialYears: calendar.snapshot.officialYears,
    notices: (data?.notices ?? []).map((n) => ({ year: n.year, source: n.source })),
    overrides: data?.overrides ?? [],
  };
}

export function calendarRoutes(app: OpenAPIHono<AppEnv>, deps: CalendarDeps): void {
  /** The coordinator's data directory, or the refusal. */
  const writable = (c: Context<AppEnv>): CalendarData => {
    if (c.get('user').role !== 'coordinator') throw new AppError('FORBIDDEN', 'only a coordinator changes the calendar');
    if (!deps.calendarData) throw new AppError('UNAVAILABLE', 'this service has no calendar data directory');
    return deps.calendarData;
  };

  app.openapi(info, (c) => {
    if (!deps.calendarData) return c.json(describe(deps.calendar()), 200);
    const data = deps.calendarData.data();
    return c.json(describe(data.calendar, data), 200);
  });

  app.openapi(addNotice, (c) => {
    const data = writable(c);
    data.saveNotice(c.req.valid('json'));
    const now = data.data();
    return c.json(describe(now.calendar, now), 201);
  });

  app.openapi(addOverride, (c) => {
    const data = writable(c);
    data.saveOverride(c.req.valid('json'));
    const now = data.data();
    return c.json(describe(now.calendar, now), 201);
  });

  app.openapi(due, (c) => {
    const { start, days } = c.req.valid('query');
    const calendar = deps.calendar();
    const result = inRange('query.start', () => calendar.addWorkdays(start, days));
    return c.json(
      {
        start,
        days,
        dueDate: result.date,
        dueAt: calendar.dueInstant(start, days),
        provisional: result.provisional,
        calendarFingerprint: calendar.fingerprint,
      },
      200,
    );
  });

  app.openapi(workdays, (c) => {
    const { from, to } = c.req.valid('query');
    const calendar = deps.calendar();
    const result = inRange('query.from', () => calendar.workdaysBetween(from, to));
    return c.json({ from, to, workdays: result.count, provisional: result.provisional, calendarFingerprint: calendar.fingerprint }, 200);
  });
}
