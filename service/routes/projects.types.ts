/**
 * Schemas of `/api/projects`: registration, list filters, the project as the caller may read
 * it (the engine's view plus the actions the caller may take now), history, commands.
 */
import { z } from '@hono/zod-openapi';
import { ZCommand } from '../../workflows/model/commands';
import { ZAction, ZHistoryEntry, ZProjectView } from '../../workflows/engine/view';
import { ZDecisionResult } from '../../workflows/decision-result';
import { recordSizeProblems, REGISTRATION_LIMITS } from '../../definitions/process/limits';
import { readableText } from '../../definitions/text';

/** A record of at most `maxKeys` keys: refused with one issue on the record itself, before its keys are read one by one. */
const bounded = (maxKeys: number) => (record: Record<string, unknown> | undefined, ctx: z.RefinementCtx) => {
  for (const p of recordSizeProblems('', record, maxKeys, REGISTRATION_LIMITS.attributeKeyChars)) ctx.addIssue({ code: 'custom', message: p.message });
};

const ZSafeId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, ., - and _ (at most 64)');
const ZKebab = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id')
  .max(100);

export const ZProjectParams = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, - and _ (at most 64)')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'p20260302-a1b2c3' }),
});

export const ZCreateProject = z
  .object({
    /** Chosen by the caller (e.g. the city platform's case number) or generated. */
    projectId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, - and _ (at most 64)')
      .optional(),
    title: readableText().trim().min(1).max(REGISTRATION_LIMITS.titleChars).openapi({ example: '武汉某汽车零部件生产基地' }),
    definitionId: ZKebab.openapi({ example: 'wuhan-industrial' }),
    definitionVersion: z.number().int().positive().optional(),
    /** Required for a coordinator; an enterprise registers only for itself (may be omitted). */
    enterpriseId: ZSafeId.optional(),
    /** 项目代码 (GB/T 40058-2021), checked part by part at registration; required when the definition says so. */
    projectCode: readableText()
      .max(40)
      .optional()
      .openapi({ example: '2103-330283-04-01-391515', description: '项目代码: time-region-department-type-serial, 24 characters (GB/T 40058-2021)' }),
    attributes: z
      .record(readableText(), z.union([readableText().max(REGISTRATION_LIMITS.attributeValueChars), z.number(), z.boolean()]))
      .superRefine(bounded(REGISTRATION_LIMITS.attributes))
      .openapi({
        example: { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 },
      }),
    /** 区域评估: the park the project is located in (GET /api/parks); its valid assessments satisfy their materials. */
    parkId: ZKebab.optional().openapi({ example: 'optics-valley' }),
    /** 预排工期: the enterprise's own preparation before each stage, working days by stage id. */
    preparationDays: z.record(readableText(), z.number().int().min(0).max(500)).superRefine(bounded(REGISTRATION_LIMITS.preparationStages)).optional(),
  })
  .strict()
  .openapi('CreateProject');

export const ZCreatedProject = z
  .object({
    id: z.string(),
    title: z.string(),
    enterpriseId: z.string(),
    definition: z.object({ id: z.string(), version: z.number().int(), hash: z.string() }),
    status: z.literal('active'),
    registeredAt: z.string(),
    plan: z.unknown(),
  })
  .openapi('CreatedProject');

const card = z.enum(['green', 'yellow', 'red']);
/** A list's nextPageToken handed back (base64url, opaque to callers). */
export const ZPageToken = z.string().regex(/^[A-Za-z0-9_.-]{1,4000}$/, 'expected the nextPageToken of a previous page');

export const ZListQuery = z
  .object({
    stage: ZKebab.optional(),
    status: z.enum(['active', 'complete', 'rejected', 'withdrawn']).optional(),
    card: card.optional(),
    department: ZKebab.optional(),
    enterprise: ZSafeId.optional(),
    /** Exactly this 项目代码 (as stored: upper case). */
    projectCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[0-9A-Z-]{1,24}$/, 'digits, letters and - (at most 24)')
      .optional(),
    text: readableText()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[^'"\\]*$/, 'quotes and backslashes are not allowed')
      .optional(),
    pageSize: z
      .string()
      .regex(/^\d{1,3}$/, 'expected a whole number')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 100, 'between 1 and 100')
      .optional()
      .openapi({ type: 'integer' }),
    pageToken: ZPageToken.optional(),
  })
  .strict();

export const ZProjectSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    enterpriseId: z.string(),
    enterpriseName: z
      .string()
      .nullable()
      .openapi({ description: "the enterprise's name in the directory (null only for a project from before the directory)" }),
    projectCode: z.string().nullable().openapi({ description: '项目代码 (null for a project registered without one)' }),
    stageId: z.string(),
    status: z.string(),
    worstCard: z.string(),
    pendingDepartments: z.array(z.string()),
    nextDueAt: z.string().nullable(),
    registeredAt: z.string().nullable(),
  })
  .openapi('ProjectSummary');

export const ZProjectList = z
  .object({
    projects: z.array(ZProjectSummary),
    total: z.number().int().openapi({ description: 'every project matching the filters, not just this page' }),
    nextPageToken: z.string().optional(),
  })
  .openapi('ProjectList');

export const ZProjectDetail = ZProjectView.extend({
  /** The enterprise's name in the directory (null only for a project from before the directory). */
  enterpriseName: z.string().nullable(),
  /** What the caller may do now, asked of the statecharts (query `allowedActions`). */
  actions: z.array(ZAction),
});

/** A decision's answer: what it changed and the project's new version (GET the project for the whole picture). */
export const ZDecisionAnswer = z.object(ZDecisionResult.shape).openapi('DecisionResult');

export const ZHistory = z.object({
  entries: z.array(
    ZHistoryEntry.extend({
      actorName: z.string().nullable().openapi({ description: "the acting user's display name (null for the system's own entries)" }),
      departmentName: z.string().nullable().openapi({ description: "the acting department's name (null unless a department acted)" }),
    }),
  ),
});

export { ZCommand };

export const ZCommandHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, '1–200 visible ASCII characters')
    .optional()
    .openapi({ description: 'a retried request with the same key and body applies once' }),
});

export const ZRating = z
  .object({
    stageId: readableText().min(1).max(200),
    score: z.number().int().min(1).max(5).openapi({ description: '好差评: 1 (very poor) to 5 (very good)' }),
    comment: readableText().max(2000).optional(),
  })
  .strict()
  .openapi('Rating');
