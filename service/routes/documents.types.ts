/** Schemas of `/api/projects/{id}/documents`: the list of a project's legal documents and one document's parameters. */
import { z } from '@hono/zod-openapi';
import { ZDocumentKind } from '../../definitions/documents/kinds';
import { ZProjectParams } from './projects.types';

export const ZDocumentSummary = z
  .object({
    id: z.string().openapi({ example: '0b7c4e1e-8f0a-4c55-9a59-6a3f1f3b2d10' }),
    kind: ZDocumentKind,
    title: z.string().openapi({ example: '受理通知书' }),
    number: z.string().openapi({ example: '〔2026〕第00012号' }),
    /** The issuing department's id, or `centre` for the project assistance centre. */
    issuer: z.string(),
    stageId: z.string(),
    itemId: z.string().nullable(),
    issuedAt: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    size: z.number().int(),
  })
  .openapi('LegalDocument');

export const ZDocumentList = z.object({ documents: z.array(ZDocumentSummary) }).openapi('LegalDocumentList');

export const ZDocumentParams = ZProjectParams.extend({
  documentId: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'expected a document id (a UUID)')
    .openapi({ param: { name: 'documentId', in: 'path' }, example: '0b7c4e1e-8f0a-4c55-9a59-6a3f1f3b2d10' }),
});
