/** Schemas of `GET|POST /api/projects/{id}/migration`: one project moved to a newer version of its definition (service/routes/migration.ts). */
import { z } from '@hono/zod-openapi';
import { ZProjectDryRun } from './dry-run.types';
import { readableText } from '../../definitions/text';

export const ZMigrationQuery = z.object({
  version: z.coerce.number().int().min(1).optional().openapi({ description: 'the target version (default: the latest published)' }),
});

export const ZMigrationRequest = z
  .object({
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .openapi({ description: 'the target version (default: the latest published); must be newer than the project’s' }),
    reason: readableText().trim().min(1).max(2000).optional().openapi({ description: 'why, recorded in the project’s history' }),
  })
  .strict()
  .openapi('MigrationRequest');

const ZRef = z.object({ id: z.string(), version: z.number().int(), hash: z.string() });

export const ZMigrationPreview = z
  .object({
    current: ZRef,
    /** The newest published version above the project's, or the one asked for; null when none is newer. */
    target: ZRef.nullable(),
    dryRun: ZProjectDryRun.nullable(),
  })
  .openapi('MigrationPreview');
