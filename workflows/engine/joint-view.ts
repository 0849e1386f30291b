/**
 * A joint acceptance (联合验收) as people read it: the agreed or proposed site visit, each
 * department's part with its findings, the rectification rounds, and the clock with the
 * enterprise's rectification time left out.
 */
import { z } from 'zod';
import { readClock } from './clock';
import type { ProjectEngine } from './project-engine';

const ZInspectionView = z.object({
  at: z.string(),
  by: z.string(),
  outcome: z.enum(['pass', 'rectify']),
  findings: z.string(),
  rectifyDueAt: z.string().nullable(),
});

export const ZJointAcceptanceView = z.object({
  stageId: z.string(),
  status: z.string(),
  proposal: z.object({ date: z.string(), by: z.string(), at: z.string() }).nullable(),
  visitDate: z.string().nullable(),
  parts: z.array(
    z.object({
      itemId: z.string(),
      title: z.string(),
      departmentId: z.string(),
      answer: z.object({ kind: z.enum(['confirmed', 'counter']), date: z.string().optional(), reason: z.string().optional() }).nullable(),
      status: z.enum(['awaiting', 'passed', 'rectify', 'reinspect']),
      inspections: z.array(ZInspectionView),
    }),
  ),
  rectifications: z.array(
    z.object({ orderedAt: z.string(), dueAt: z.string(), items: z.array(z.string()), reportedAt: z.string().nullable(), note: z.string().nullable() }),
  ),
  clock: z.object({
    startedAt: z.string(),
    legalLimit: z.number(),
    promisedLimit: z.number(),
    promisedDueAt: z.string(),
    legalDueAt: z.string(),
    /** Working days counted so far: rectification days are not among them. */
    elapsed: z.number(),
    remaining: z.number(),
    /** Working days the enterprise spent rectifying, not counted. */
    rectificationDays: z.number(),
    paused: z.boolean(),
    card: z.enum(['green', 'yellow', 'red']),
    stoppedAt: z.string().nullable(),
  }),
  result: z.object({ id: z.string(), title: z.string() }),
  concludedAt: z.string().nullable(),
});
export type TJointAcceptanceView = z.infer<typeof ZJointAcceptanceView>;

export function jointView(engine: ProjectEngine, now: string): TJointAcceptanceView[] {
  const calendar = engine.workingCalendar;
  return Object.entries(engine.raw.joint ?? {}).map(([stageId, j]) => {
    const c = j.context;
    const stage = engine.specStage(stageId);
    const reading = readClock(c.clock, calendar, now, engine.clockRules);
    const today = calendar.dateOf(now);
    const rectificationDays = c.clock.pauses.reduce((sum, p) => {
      const to = p.to ? calendar.dateOf(p.to) : today;
      return sum + calendar.workdaysBetween(calendar.dateOf(p.from), to).count;
    }, 0);
    return {
      stageId,
      status: j.value,
      proposal: c.proposal,
      visitDate: c.visitDate,
      parts: c.parts.map((p) => ({ ...p, title: stage.items.find((i) => i.id === p.itemId)?.title ?? p.itemId })),
      rectifications: c.rectifications,
      clock: {
        startedAt: c.clock.startedAt,
        legalLimit: c.clock.legalLimit,
        promisedLimit: c.clock.promisedLimit,
        promisedDueAt: reading.promised.dueAt,
        legalDueAt: reading.legal.dueAt,
        elapsed: reading.promised.elapsed,
        remaining: reading.promised.remaining,
        rectificationDays,
        paused: reading.paused,
        card: reading.level,
        stoppedAt: c.clock.stoppedAt,
      },
      result: stage.joint!.result,
      concludedAt: c.concludedAt,
    };
  });
}
