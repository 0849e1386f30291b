/**
 * A project's legal documents (issue 14 item 3): `GET /api/projects/{id}/documents` lists them,
 * `GET …/documents/{documentId}` serves one PDF. Whoever may see the project may read them; a
 * department only the stage's documents and those of its own items. A project the caller may
 * not see is NOT_FOUND, like one that does not exist.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import contentDisposition from 'content-disposition';
import type { DocumentArchive, TStoredDocument } from '../../activities/documents/archive';
import type { AppEnv } from '../auth/middleware';
import { AppError } from '../errors';
import { BEARER, errorResponses, json, ZNoQuery } from '../openapi';
import { assertVisible } from '../projects/access';
import type { ProjectGateway } from '../projects/gateway';
import type { TPublicUser } from '../users/store';
import { ZDocumentList, ZDocumentParams } from './documents.types';
import { ZProjectParams } from './projects.types';

const tags = ['documents'];

const list = createRoute({
  method: 'get',
  path: '/api/projects/{id}/documents',
  tags,
  summary: "The project's legal documents in the order issued (a department sees the stage's and its own items')",
  security: BEARER,
  request: { params: ZProjectParams, query: ZNoQuery },
  responses: { 200: json(ZDocumentList, 'the documents'), ...errorResponses(400, 401, 404, 503) },
});

const download = createRoute({
  method: 'get',
  path: '/api/projects/{id}/documents/{documentId}',
  tags,
  summary: 'One legal document as issued (PDF)',
  security: BEARER,
  request: { params: ZDocumentParams, query: ZNoQuery },
  responses: {
    200: { description: 'the document', content: { 'application/pdf': { schema: { type: 'string' as const, format: 'binary' } } } },
    ...errorResponses(400, 401, 404, 503),
  },
});

const summary = ({ key: _key, projectId: _projectId, ...rest }: TStoredDocument) => rest;

export function documentRoutes(app: OpenAPIHono<AppEnv>, deps: { projects: ProjectGateway; documents?: Pick<DocumentArchive, 'list' | 'get'> }): void {
  const archive = () => {
    if (!deps.documents) throw new AppError('UNAVAILABLE', 'the service has no document archive configured');
    return deps.documents;
  };

  /** Which of the project's documents the caller may read (NOT_FOUND when not the project). */
  const readable = async (user: TPublicUser, id: string) => {
    const view = await deps.projects.view(id);
    assertVisible(user, view, id);
    if (user.role !== 'department') return (_: TStoredDocument) => true;
    const mine = new Set(view.reviews.filter((r) => r.departmentId === user.departmentId).map((r) => r.itemId));
    return (d: TStoredDocument) => d.itemId === null || mine.has(d.itemId);
  };

  app.openapi(list, async (c) => {
    const { id } = c.req.valid('param');
    const documents = archive();
    const may = await readable(c.get('user'), id);
    return c.json({ documents: (await documents.list(id)).filter(may).map(summary) }, 200);
  });

  app.openapi(download, async (c) => {
    const { id, documentId } = c.req.valid('param');
    const documents = archive();
    const may = await readable(c.get('user'), id);
    const found = await documents.get(id, documentId);
    if (!found || !may(found.document)) throw AppError.notFound(`document '${documentId}'`);
    const { document, content } = found;
    return c.body(new Uint8Array(content), 200, {
      'Content-Type': 'application/pdf',
      'Content-Length': String(content.byteLength),
      'Content-Disposition': contentDisposition(`${document.title}${document.number}.pdf`),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
  });
}
