/** Schemas of `/api/tasks` (inboxes) and `/api/supervision` (电子监察 statistics). */
import { z } from '@hono/zod-openapi';

const card = z.enum(['green', 'yellow', 'red']);

export const ZTask = z
  .object({
    kind: z.string().openapi({ description: 'the main action (approveReview, decideIntake, submitApplication …), or redCard / expiredCommitment for follow-up' }),
    projectId: z.string(),
    projectTitle: z.string(),
    enterpriseId: z.string(),
    stageId: z.string().nullable(),
    itemId: z.string().nullable(),
    materialId: z.string().nullable(),
    title: z.string(),
    status: z.string().nullable(),
    dueAt: z.string().nullable(),
    remainingWorkdays: z.number().nullable(),
    card: card.nullable(),
    paused: z.boolean(),
    actions: z.array(z.string()),
  })
  .openapi('Task');

export const ZTaskList = z.object({ tasks: z.array(ZTask) }).openapi('TaskList');

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
      bad: z.array(z.object({ projectId: z.string(), projectTitle: z.string(), stageId: z.string(), score: z.number().int(), comment: z.string(), at: z.string() })),
    }),
  })
  .openapi('Supervision');

export const ZSupervisionQuery = z.object({ format: z.enum(['json', 'csv']).optional() }).strict();
