/** Schemas of `POST /api/definitions/dry-run`: a new definition version against the running projects (service/definitions/dry-run.ts). */
import { z } from '@hono/zod-openapi';
import { readableText } from '../../definitions/text';

export const ZDryRunRequest = z
  .object({
    document: readableText()
      .min(1)
      .max(512 * 1024)
      .optional()
      .openapi({ description: 'the new definition as YAML or JSON text (validated as `approvals definitions validate` does)' }),
    definitionId: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case definition id')
      .max(100)
      .optional(),
    version: z.number().int().min(1).optional().openapi({ description: 'with definitionId: a published version (default: the latest)' }),
  })
  .strict()
  .refine((b) => (b.document === undefined) !== (b.definitionId === undefined), { message: 'give either document or definitionId', path: ['document'] })
  .openapi('DryRunRequest');

const ZRef = z.object({ id: z.string(), version: z.number().int(), hash: z.string() });
const ZFromTo = <T extends z.ZodTypeAny>(t: T) => z.object({ from: t, to: t });

export const ZProjectDryRun = z
  .object({
    projectId: z.string(),
    title: z.string(),
    from: ZRef,
    to: ZRef,
    currentStageId: z.string(),
    canMove: z.boolean(),
    blockers: z.array(z.object({ stageId: z.string().optional(), itemId: z.string().optional(), reason: z.string() })),
    itemsAdded: z.array(z.object({ stageId: z.string(), itemId: z.string(), title: z.string(), departmentId: z.string() })),
    itemsDropped: z.array(z.object({ stageId: z.string(), itemId: z.string(), title: z.string(), status: z.string() })),
    limitsChanged: z.array(z.object({ itemId: z.string(), title: z.string(), promised: ZFromTo(z.number().int()), legal: ZFromTo(z.number().int()) })),
    duesMoved: z.array(
      z.object({
        itemId: z.string(),
        title: z.string(),
        promisedDueAt: ZFromTo(z.string()),
        legalDueAt: ZFromTo(z.string()),
        provisional: z.boolean().openapi({ description: 'a due falls in a year whose holiday notice is not loaded yet' }),
      }),
    ),
    materialsNewlyRequired: z.array(
      z.object({ stageId: z.string(), itemId: z.string(), materialId: z.string(), title: z.string(), kind: z.string(), stageStatus: z.string() }),
    ),
    unchanged: z.boolean(),
  })
  .openapi('ProjectDryRun');

export const ZDryRunReport = z
  .object({
    definition: ZRef,
    generatedAt: z.string(),
    projects: z.array(ZProjectDryRun),
    summary: z.object({ projects: z.number().int(), canMove: z.number().int(), cannotMove: z.number().int(), unchanged: z.number().int() }),
  })
  .openapi('DryRunReport');
