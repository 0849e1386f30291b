/**
 * Calendar data kept under the data directory, read by the worker and the service:
 *   <data>/calendar/notices/<year>.json  a year's State Council notice, published after the
 *                                         `chinese-days` release this build ships with;
 *   <data>/calendar/overrides.json       local closures and extra working days.
 * Both are validated with zod; a bad file is an error naming the file and field, never skipped.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { buildOfficialSnapshot, ZCalendarOverride, ZHolidayNotice, type TCalendarOverride, type THolidayNotice } from '../official';
import type { TCalendarSnapshot } from '../snapshot';

export class CalendarDataError extends Error {}

const noticesDir = (dataDir: string) => join(dataDir, 'calendar', 'notices');
const overridesFile = (dataDir: string) => join(dataDir, 'calendar', 'overrides.json');

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CalendarDataError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new CalendarDataError(`${file}: ${first}`);
  }
  return parsed.data;
}

export function loadNotices(dataDir: string): THolidayNotice[] {
  const dir = noticesDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readJson(join(dir, f), ZHolidayNotice));
}

export function loadOverrides(dataDir: string): TCalendarOverride[] {
  const file = overridesFile(dataDir);
  return existsSync(file) ? readJson(file, z.array(ZCalendarOverride)) : [];
}

/** The loaded notices and overrides, and the calendar they make, read together. */
export function loadCalendarData(dataDir: string): { notices: THolidayNotice[]; overrides: TCalendarOverride[]; snapshot: TCalendarSnapshot } {
  const notices = loadNotices(dataDir);
  const overrides = loadOverrides(dataDir);
  return { notices, overrides, snapshot: buildOfficialSnapshot({ notices, overrides }) };
}

/** The calendar in force now: packaged notices, loaded notices, then local overrides. */
export function currentCalendarSnapshot(dataDir: string): TCalendarSnapshot {
  return loadCalendarData(dataDir).snapshot;
}

function writeAtomically(file: string, value: unknown): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, file);
}

/** Publishes a year's notice (replacing an earlier file for the same year); returns the new snapshot. */
export function saveNotice(dataDir: string, notice: unknown): TCalendarSnapshot {
  const parsed = ZHolidayNotice.parse(notice);
  mkdirSync(noticesDir(dataDir), { recursive: true });
  writeAtomically(join(noticesDir(dataDir), `${parsed.year}.json`), parsed);
  return currentCalendarSnapshot(dataDir);
}

/** Adds or replaces the override for its date; returns the new snapshot. */
export function saveOverride(dataDir: string, override: unknown): TCalendarSnapshot {
  const parsed = ZCalendarOverride.parse(override);
  const rest = loadOverrides(dataDir).filter((o) => o.date !== parsed.date);
  mkdirSync(join(dataDir, 'calendar'), { recursive: true });
  writeAtomically(
    overridesFile(dataDir),
    [...rest, parsed].sort((a, b) => (a.date < b.date ? -1 : 1)),
  );
  return currentCalendarSnapshot(dataDir);
}
