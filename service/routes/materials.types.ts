/** Schemas of `/api/projects/{id}/materials`: an upload (multipart), the list, one file's parameters. */
import { z } from '@hono/zod-openapi';
import { MATERIAL_TYPES } from '../materials/types';
import { readableText } from '../../definitions/text';

export const ZUploadForm = z
  .object({
    stageId: readableText().min(1).max(100).openapi({ example: 'preparation' }),
    materialId: readableText().min(1).max(100).openapi({ example: 'eia-form' }),
    file: z
      .custom<File>((v) => v instanceof File, 'expected one file')
      .openapi({ type: 'string', format: 'binary', description: 'PDF, JPEG, PNG or OFD, at most 20 MiB (the type is told by the bytes)' }),
  })
  .openapi('MaterialUpload');

export const ZMaterialFile = z
  .object({
    id: z.string(),
    projectId: z.string(),
    stageId: z.string(),
    materialId: z.string(),
    name: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    type: z.enum(Object.values(MATERIAL_TYPES) as [string, ...string[]]),
    uploadedBy: z.string(),
    uploadedAt: z.string(),
  })
  .openapi('MaterialFile');

export const ZMaterialList = z.object({ files: z.array(ZMaterialFile) }).openapi('MaterialList');

export const ZMaterialFileParams = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, - and _ (at most 64)')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'p20260302-a1b2c3' }),
  fileId: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'expected a file id (a UUID)')
    .openapi({ param: { name: 'fileId', in: 'path' }, example: '0b7c4e1e-8f0a-4c55-9a59-6a3f1f3b2d10' }),
});
