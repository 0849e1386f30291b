/** Schemas of `/api/definitions`: published process definitions and their versions. */
import { z } from '@hono/zod-openapi';

const ZText = z.object({ zh: z.string(), en: z.string() });

export const ZDefinitionVersion = z
  .object({
    version: z.number().int(),
    hash: z.string().openapi({ description: 'sha256 of the canonical content; a project records it' }),
    origin: z.string(),
    title: ZText,
    stages: z.array(z.object({ id: z.string(), title: ZText, items: z.number().int() })),
    departments: z.array(z.object({ id: z.string(), name: ZText })),
  })
  .openapi('DefinitionVersion');

export const ZDefinitionSummary = z
  .object({ id: z.string(), latestVersion: z.number().int(), versions: z.array(ZDefinitionVersion) })
  .openapi('DefinitionSummary');

export const ZDefinitionList = z.object({ definitions: z.array(ZDefinitionSummary) }).openapi('DefinitionList');

export const ZDefinitionDetail = z
  .object({
    id: z.string(),
    versions: z.array(ZDefinitionVersion),
    /** The whole definition document at the requested (default: latest) version. */
    definition: z.record(z.string(), z.unknown()).openapi({ description: 'the process definition document (definitions/process/schema.ts)' }),
  })
  .openapi('DefinitionDetail');

export const ZDefinitionParams = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case definition id')
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'wuhan-industrial' }),
});

export const ZDefinitionQuery = z
  .object({
    version: z
      .string()
      .regex(/^[1-9]\d{0,5}$/, 'expected a positive whole number')
      .transform(Number)
      .optional()
      .openapi({ param: { name: 'version', in: 'query' }, type: 'integer' }),
  })
  .strict();
