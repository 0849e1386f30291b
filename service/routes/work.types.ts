/** Schemas of `/api/tasks` (inboxes) and `/api/supervision` (电子监察 statistics). */
import { z } from '@hono/zod-openapi';
import { ZTask as ZTaskRow } from '../../workflows/read-model/tasks';

const whole = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'expected a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `between ${min} and ${max}`)
    .optional()
    .openapi({ type: 'integer' });

export const ZTaskQuery = z.object({ pageSize: whole(1, 500), page: whole(1, 100_000) }).strict();

/** The engine's task (workflows/read-model/tasks.ts), described for the API. */
export const ZTask = ZTaskRow.extend({
  kind: z.string().openapi({ description: 'the main action (approveReview, decideIntake, submitApplication …), or redCard / expiredCommitment for follow-up' }),
}).openapi('Task');

export const ZTaskList = z
  .object({
    tasks: z.array(ZTask),
    total: z.number().int().openapi({ description: 'every task in the inbox, not just this page' }),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('TaskList');

const ZStat = z
  .object({
    key: z.string(),
    title: z.string(),
    dispatched: z.number().int(),
    completed: z.number().int(),
    early: z.number().int(),
    earlyCompletionRate: z.number().nullable().openapi({ description: '提前办结率: completed in fewer working days than promised / completed' }),
    yellowCards: z.number().int(),
    redCards: z.number().int(),
    avgWorkdaysUsed: z.number().nullable(),
    avgPromisedLimit: z.number().nullable(),
    avgLegalLimit: z.number().nullable(),
  })
  .openapi('SupervisionStat');

export const ZSupervision = z
  .object({
    generatedAt: z.string(),
    projects: z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()), byStage: z.record(z.string(), z.number().int()) }),
    byDepartment: z.array(ZStat),
    byItem: z.array(ZStat),
    ratings: z.object({
      count: z.number().int(),
      average: z.number().nullable(),
      bad: z.array(
        z.object({ projectId: z.string(), projectTitle: z.string(), stageId: z.string(), score: z.number().int(), comment: z.string(), at: z.string() }),
      ),
    }),
  })
  .openapi('Supervision');

export const ZSupervisionQuery = z.object({ format: z.enum(['json', 'csv']).optional() }).strict();

/** `GET /api/supervision/undelivered`: the dead-letter list (activities/undelivered.ts), newest first. */
export const ZUndeliveredList = z
  .object({
    entries: z.array(
      z.object({
        key: z.string(),
        projectId: z.string(),
        kind: z.enum(['notify', 'handover']),
        effect: z.record(z.string(), z.unknown()).openapi({ description: 'the notification or hand-over as the engine produced it' }),
        error: z.string().openapi({ description: 'why its last delivery attempt failed' }),
        failedAt: z.string(),
      }),
    ),
    total: z.number().int().openapi({ description: 'every entry on the list, not just those shown' }),
  })
  .openapi('UndeliveredList');
