/**
 * The thresholds of back-fill detection (体外循环), in one place with their defaults. A
 * coordinator's list flags what crosses them; the figures are judgement calls, not law, so
 * they are data a city may change (APPROVALS_BACKFILL_* in the environment, read at start).
 */
import { z } from 'zod';

export const ZBackfillThresholds = z.object({
  /**
   * A decision recorded more than this many working days after the date it states it was
   * signed. Three: art. 44 gives 10 days to deliver a licence, but a decision typed in days
   * after it was made is what 工改 supervision calls working outside the system.
   */
  statedLagWorkdays: z.coerce.number().int().min(0).default(3),
  /** A burst: at least this many overdue decisions on one item by one department … */
  burstMinDecisions: z.coerce.number().int().min(2).default(3),
  /** … each recorded within this many minutes of the burst's first one. */
  burstWindowMinutes: z.coerce.number().int().min(1).default(10),
});
export type TBackfillThresholds = z.infer<typeof ZBackfillThresholds>;

export const DEFAULT_BACKFILL_THRESHOLDS: TBackfillThresholds = ZBackfillThresholds.parse({});

/** The thresholds from the environment (APPROVALS_BACKFILL_STATED_LAG_WORKDAYS, …_BURST_MIN_DECISIONS, …_BURST_WINDOW_MINUTES). */
export function backfillThresholdsFrom(env: Record<string, string | undefined>): TBackfillThresholds {
  return ZBackfillThresholds.parse({
    statedLagWorkdays: env.APPROVALS_BACKFILL_STATED_LAG_WORKDAYS || undefined,
    burstMinDecisions: env.APPROVALS_BACKFILL_BURST_MIN_DECISIONS || undefined,
    burstWindowMinutes: env.APPROVALS_BACKFILL_BURST_WINDOW_MINUTES || undefined,
  });
}
