/** Schemas of `/api/calendar`: the calendar in force, working-day arithmetic on it, loading notices and overrides. */
import { z } from '@hono/zod-openapi';
import { ZIsoDate } from '../../definitions/calendar/snapshot';

// ZIsoDate is used as it is (not `.openapi()`-extended): it is made before this module loads.

export const ZDueQuery = z
  .object({
    start: ZIsoDate,
    days: z
      .string()
      .regex(/^\d{1,4}$/, 'expected a whole number of working days')
      .transform(Number)
      .refine((n) => n <= 1000, 'at most 1000 working days')
      .openapi({ param: { name: 'days', in: 'query' }, type: 'integer', example: '20' }),
  })
  .strict();

export const ZWorkdaysQuery = z
  .object({ from: ZIsoDate, to: ZIsoDate })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'must not be before from', path: ['to'] });

export const ZDueResponse = z
  .object({
    start: z.string(),
    days: z.number().int(),
    /** The last working day (民法典 art. 201: counting starts the day after `start`). */
    dueDate: z.string(),
    /** 24:00 Asia/Shanghai of `dueDate` (民法典 art. 203). */
    dueAt: z.string().openapi({ example: '2026-10-29T24:00:00+08:00' }),
    provisional: z.boolean().openapi({ description: 'some day counted lies in a year whose holiday notice is not loaded yet' }),
    calendarFingerprint: z.string(),
  })
  .openapi('CalendarDue');

export const ZWorkdaysResponse = z
  .object({
    from: z.string(),
    to: z.string(),
    /** Working days in (from, to]. */
    workdays: z.number().int(),
    provisional: z.boolean(),
    calendarFingerprint: z.string(),
  })
  .openapi('CalendarWorkdays');

export const ZCalendarInfo = z
  .object({
    calendarFingerprint: z.string().openapi({ description: 'sha256 of the sealed snapshot; a project computing with this calendar shows the same' }),
    firstYear: z.number().int(),
    lastYear: z.number().int(),
    officialYears: z.array(z.number().int()).openapi({ description: 'years with a State Council notice (packaged or loaded); other years are provisional' }),
    notices: z
      .array(z.object({ year: z.number().int(), source: z.string() }))
      .openapi({ description: 'notices loaded from the data directory (not those packaged with chinese-days)' }),
    overrides: z.array(
      z.object({ date: z.string(), workday: z.boolean(), name: z.string(), authority: z.string().optional() }).openapi('CalendarOverrideEntry'),
    ),
  })
  .openapi('Calendar');
