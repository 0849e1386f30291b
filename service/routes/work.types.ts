/** Schemas of `/api/tasks` (inboxes) and `/api/supervision` (电子监察 statistics). */
import { z } from '@hono/zod-openapi';
import { ZTask as ZTaskRow } from '../../workflows/read-model/tasks';
import { wholeQuery } from '../openapi';
import { ZBackfillCounts } from './audit.types';
import { ZIntermediaryTime } from './intermediary-time.types';

export const ZTaskQuery = z
  .object({
    pageSize: wholeQuery(1, 500),
    page: wholeQuery(1, 100_000),
    /** A department's tab: its user's tasks, the department's unassigned ones (a disabled holder's included), or colleagues'. */
    tab: z.enum(['mine', 'unassigned', 'others']).optional(),
  })
  .strict();

/** The engine's task (workflows/read-model/tasks.ts), described for the API. */
export const ZTask = ZTaskRow.extend({
  enterpriseName: z.string().nullable().openapi({ description: "the enterprise's name in the directory (null only for a project from before the directory)" }),
  projectCode: z.string().nullable().openapi({ description: "the project's 项目代码 (null for a project registered without one)" }),
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
    key: z.string().openapi({ description: "the department or item id, or the enterprise's credit code" }),
    title: z.string().openapi({ description: "the department's, item's or enterprise's name" }),
    dispatched: z.number().int(),
    completed: z.number().int(),
    early: z.number().int(),
    earlyCompletionRate: z.number().nullable().openapi({ description: '提前办结率: completed in fewer working days than promised / completed' }),
    yellowCards: z.number().int(),
    redCards: z.number().int(),
    avgWorkdaysUsed: z.number().nullable(),
    avgPromisedLimit: z.number().nullable(),
    avgLegalLimit: z.number().nullable(),
    deliveredInTime: z.number().int().openapi({ description: '送达: decisions delivered within 10 working days (行政许可法 art. 44)' }),
    deliveredLate: z.number().int().openapi({ description: 'decisions delivered after their due instant' }),
    deliveryOpen: z.number().int().openapi({ description: 'decisions not yet delivered' }),
    warningCards: z.number().int().openapi({ description: '预警: warnings of a card ladder (Zhanjiang style)' }),
    violationYellowCards: z.number().int().openapi({ description: 'yellow cards for violations not about time' }),
    violationRedCards: z.number().int().openapi({ description: 'red cards for violations not about time' }),
    reminders: z.number().int().openapi({ description: '催办: reminders sent before the promised due date' }),
    supervisionOrders: z.number().int().openapi({ description: '督办 issued by coordinators' }),
  })
  .openapi('SupervisionStat');

export const ZSupervision = z
  .object({
    generatedAt: z.string(),
    projects: z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()), byStage: z.record(z.string(), z.number().int()) }),
    byDepartment: z.array(ZStat),
    byItem: z.array(ZStat),
    byEnterprise: z.array(ZStat).openapi({ description: "the reviews of each enterprise's projects; key is its credit code, title its name" }),
    openSupervisionOrders: z
      .array(
        z.object({
          projectId: z.string(),
          projectTitle: z.string(),
          projectCode: z.string().nullable().openapi({ description: '项目代码 (null for a project registered without one)' }),
          itemId: z.string(),
          title: z.string(),
          departmentId: z.string(),
          deadlineAt: z.string(),
          overdue: z.boolean(),
        }),
      )
      .openapi({ description: '督办 on reviews not decided yet, earliest deadline first' }),
    ratings: z.object({
      count: z.number().int(),
      average: z.number().nullable(),
      bad: z.array(
        z.object({
          projectId: z.string(),
          projectTitle: z.string(),
          projectCode: z.string().nullable(),
          enterpriseId: z.string(),
          enterpriseName: z.string().nullable(),
          stageId: z.string(),
          score: z.number().int(),
          comment: z.string(),
          at: z.string(),
        }),
      ),
    }),
    /** Back-fill flags of the last gathering (at most a minute old once gathered); absent until one has completed. */
    backfill: ZBackfillCounts.optional(),
    /** Intermediary services' working days, apart from government days (issue 16); absent when no project has any. */
    intermediaries: ZIntermediaryTime.optional(),
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
        kind: z.enum(['notify', 'handover', 'document', 'creditRecord']),
        effect: z.record(z.string(), z.unknown()).openapi({ description: 'the notification or hand-over as the engine produced it' }),
        error: z.string().openapi({ description: 'why its last delivery attempt failed' }),
        failedAt: z.string(),
      }),
    ),
    total: z.number().int().openapi({ description: 'every entry on the list, not just those shown' }),
  })
  .openapi('UndeliveredList');
