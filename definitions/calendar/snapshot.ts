/**
 * A calendar snapshot: the working-day calendar as plain, fingerprinted data. Projects keep
 * the snapshot they compute with in their workflow history, so a later notice or override
 * never silently moves a deadline that was already promised; a coordinator replaces it
 * explicitly, and the fingerprint tells which calendar produced which date.
 */
import { isExists } from 'date-fns';
import { z } from 'zod';
import { contentHash } from '../process/hash';

/** A calendar date in Asia/Shanghai, 'YYYY-MM-DD', checked to exist (no 2026-02-30). */
export const ZIsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine(isRealDate, 'no such calendar date');
export type TIsoDate = z.infer<typeof ZIsoDate>;

// On the hot path (every calendar call checks its dates): date-fns `isExists` is ~25× faster than `parse`.
export function isRealDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && isExists(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/**
 * A day that differs from, or needs explaining beyond, the plain rule "Monday to Friday work":
 * a public holiday (also when it falls on a weekend, for its name), a make-up working weekend
 * day (调休), or a local override.
 */
export const ZCalendarDay = z.object({
  workday: z.boolean(),
  reason: z.enum(['holiday', 'makeup', 'override']),
  name: z.string(),
});
export type TCalendarDay = z.infer<typeof ZCalendarDay>;

export const ZCalendarContent = z.object({
  timeZone: z.literal('Asia/Shanghai'),
  /** Dates before 1 January of this year are outside the calendar. */
  firstYear: z.number().int(),
  /** Years after this one follow the weekday rule only, and every answer about them is provisional. */
  lastYear: z.number().int(),
  /** Years whose State Council notice is part of this calendar; the others in range use the statutory holidays only (provisional). */
  officialYears: z.array(z.number().int()),
  days: z.record(ZIsoDate, ZCalendarDay),
});
export type TCalendarContent = z.infer<typeof ZCalendarContent>;

export const ZCalendarSnapshot = ZCalendarContent.extend({
  /** sha256 of the canonical JSON of the content: equal calendars, equal fingerprints. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});
export type TCalendarSnapshot = z.infer<typeof ZCalendarSnapshot>;

export function sealSnapshot(content: TCalendarContent): TCalendarSnapshot {
  const sorted = { ...content, officialYears: [...new Set(content.officialYears)].sort((a, b) => a - b) };
  return { ...sorted, fingerprint: contentHash(sorted) };
}
