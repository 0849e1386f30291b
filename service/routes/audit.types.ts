/** Schemas of `GET /api/supervision/backfill`: back-fill detection's flags with their evidence (service/audit/backfill.ts). */
import { z } from '@hono/zod-openapi';
import { BACKFILL_RULES } from '../audit/backfill';
import { ZBackfillThresholds } from '../audit/thresholds';

const ZRule = z.enum(BACKFILL_RULES).openapi({
  description:
    'signedBeforeRecorded: the stated signing date is more working days before the recording than the threshold; overdueBurst: several overdue decisions on one item by one department within minutes; approvedUnopened: approved with none of the handed-in files opened by the department',
});

export const ZBackfillCounts = z
  .object({ total: z.number().int(), byRule: z.record(ZRule, z.number().int()) })
  .openapi('BackfillCounts', { description: 'back-fill flags (体外循环), counted; the list is GET /api/supervision/backfill' });

export const ZBackfillFlag = z
  .object({
    rule: ZRule,
    departmentId: z.string(),
    departmentName: z.string().nullable(),
    itemId: z.string(),
    itemTitle: z.string(),
    decisions: z.array(
      z.object({
        projectId: z.string(),
        projectTitle: z.string(),
        projectCode: z.string().nullable().openapi({ description: '项目代码 (null for a project registered without one)' }),
        seq: z.number().int().openapi({ description: "the decision's entry in the project's history" }),
        type: z.string(),
        recordedAt: z.string(),
        signedOn: z.string().optional(),
        promisedDueAt: z.string().optional(),
      }),
    ),
    evidence: z.string(),
  })
  .openapi('BackfillFlag');

export const ZBackfillReport = z
  .object({
    generatedAt: z.string(),
    thresholds: ZBackfillThresholds,
    total: z.number().int(),
    byRule: z.record(ZRule, z.number().int()),
    flags: z.array(ZBackfillFlag),
  })
  .openapi('BackfillReport');
