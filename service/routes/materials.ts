/**
 * Materials handed in as files: `POST /api/projects/{id}/materials` (the project's enterprise;
 * multipart `stageId`, `materialId`, `file`), `GET …/materials` (the list) and
 * `GET …/materials/{fileId}` (the file). The material must be one the stage asks for (the
 * project's spec); a file is at most 20 MiB and a PDF, JPEG, PNG or OFD by its bytes.
 * Whoever may see the project may list and download; a department only the files of the
 * materials its own items ask for. A project the caller may not see is NOT_FOUND.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import contentDisposition from 'content-disposition';
import type { MiddlewareHandler } from 'hono';
import type { TProjectSpec } from '../../workflows/model/spec';
import type { AppEnv } from '../auth/middleware';
import { AppError } from '../errors';
import { DECLARABLE_TYPES, MAX_MATERIAL_BYTES, cleanFileName, type MaterialStore, type TMaterialFile, sniffType } from '../materials/store';
import { BEARER, errorResponses, json, ZNoQuery } from '../openapi';
import { assertVisible } from '../projects/access';
import type { ProjectGateway } from '../projects/gateway';
import type { QuotaStore } from '../quotas';
import type { TPublicUser } from '../users/store';
import { ZMaterialFile, ZMaterialFileParams, ZMaterialList, ZUploadForm } from './materials.types';
import { ZProjectParams } from './projects.types';

const tags = ['materials'];

/** Our own 415 (the generic one speaks of JSON). */
const multipartOnly: MiddlewareHandler = async (c, next) => {
  if (!/^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the file as multipart/form-data', [{ path: 'Content-Type', message: 'expected multipart/form-data' }]);
  }
  await next();
};

const upload = createRoute({
  method: 'post',
  path: '/api/projects/{id}/materials',
  tags,
  summary: "Hand in a file for one of a stage's materials (the project's enterprise): PDF, JPEG, PNG or OFD, at most 20 MiB",
  security: BEARER,
  middleware: [multipartOnly] as const,
  request: { params: ZProjectParams, body: { required: true, content: { 'multipart/form-data': { schema: ZUploadForm } } } },
  responses: {
    201: json(ZMaterialFile, 'stored'),
    ...errorResponses(400, 401, 403, 404, 409, 429, 503),
    413: {
      description: 'the file is larger than 20 MiB',
      content: { 'application/json': { schema: errorResponses(413)[413].content['application/json'].schema } },
    },
    415: {
      description: 'not multipart/form-data, or the file is not a PDF, JPEG, PNG or OFD',
      content: { 'application/json': { schema: errorResponses(415)[415].content['application/json'].schema } },
    },
  },
});

const list = createRoute({
  method: 'get',
  path: '/api/projects/{id}/materials',
  tags,
  summary: "The project's files, oldest first (a department sees those of its own items' materials)",
  security: BEARER,
  request: { params: ZProjectParams, query: ZNoQuery },
  responses: { 200: json(ZMaterialList, 'the files'), ...errorResponses(400, 401, 404, 503) },
});

const download = createRoute({
  method: 'get',
  path: '/api/projects/{id}/materials/{fileId}',
  tags,
  summary: 'One file as handed in, with its original name in Content-Disposition',
  security: BEARER,
  request: { params: ZMaterialFileParams, query: ZNoQuery },
  responses: {
    200: { description: 'the file', content: { 'application/octet-stream': { schema: { type: 'string' as const, format: 'binary' } } } },
    ...errorResponses(400, 401, 404, 503),
  },
});

/** Every `stageId|materialId` the project asks for (those a department's own items ask for, for a department). */
function askedMaterials(spec: TProjectSpec, departmentId?: string): Set<string> {
  const asked = new Set<string>();
  for (const stage of spec.stages) {
    for (const item of stage.items) {
      if (departmentId !== undefined && item.departmentId !== departmentId) continue;
      // A material an earlier result provides (电子证照) is never asked for.
      for (const m of item.materials) if (!m.providedByResult) asked.add(`${stage.id}|${m.id}`);
    }
  }
  return asked;
}

export function materialRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { projects: ProjectGateway; materials?: MaterialStore; now: () => Date; quotas?: QuotaStore },
): void {
  const store = (): MaterialStore => {
    if (!deps.materials) throw new AppError('UNAVAILABLE', 'the service has no file store configured');
    return deps.materials;
  };

  /** The project's view if the caller may see it; the files the caller may read are those `readable` admits. */
  const access = async (user: TPublicUser, id: string) => {
    const view = await deps.projects.view(id);
    assertVisible(user, view, id);
    if (user.role !== 'department') return { view, readable: (_: TMaterialFile) => true };
    const mine = askedMaterials(await deps.projects.spec(id), user.departmentId);
    return { view, readable: (f: TMaterialFile) => mine.has(`${f.stageId}|${f.materialId}`) };
  };

  app.openapi(upload, async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const files = store();
    const view = await deps.projects.view(id);
    assertVisible(user, view, id);
    if (user.role !== 'enterprise') throw new AppError('FORBIDDEN', "only the project's enterprise hands in materials");
    if (view.status !== 'active') throw new AppError('CONFLICT', `the project is ${view.status}: no more materials are taken`);
    const form = c.req.valid('form');
    const spec = await deps.projects.spec(id);
    const stage = spec.stages.find((s) => s.id === form.stageId);
    if (!stage) throw AppError.validation([{ path: 'stageId', message: `not a stage of this project (${spec.stages.map((s) => s.id).join(', ')})` }]);
    if (!askedMaterials({ ...spec, stages: [stage] }).has(`${stage.id}|${form.materialId}`)) {
      throw AppError.validation([{ path: 'materialId', message: `not a material stage '${stage.id}' asks for` }]);
    }
    const file = form.file;
    if (file.size > MAX_MATERIAL_BYTES) {
      throw new AppError('PAYLOAD_TOO_LARGE', `the file is larger than ${MAX_MATERIAL_BYTES / 1024 / 1024} MiB`, [
        { path: 'file', message: `at most ${MAX_MATERIAL_BYTES} bytes` },
      ]);
    }
    if (file.size === 0) throw AppError.validation([{ path: 'file', message: 'the file is empty' }]);
    const declared = (file.type ?? '').split(';')[0]!.trim().toLowerCase();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const sniffed = await sniffType(bytes);
    if (!sniffed.type || !DECLARABLE_TYPES.has(declared)) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'only PDF, JPEG, PNG and OFD files are taken', [
        { path: 'file', message: sniffed.type ? `declared as ${declared}, which is not an allowed type` : sniffed.why },
      ]);
    }
    const { type } = sniffed;
    // Counted before it is stored (per project and over the enterprise's projects, per day); given back if storing fails.
    const counted = deps.quotas ? await deps.quotas.upload(view.enterpriseId, id, bytes.length) : undefined;
    let saved: TMaterialFile;
    try {
      saved = await files.save(
        {
          projectId: id,
          stageId: stage.id,
          materialId: form.materialId,
          name: cleanFileName(file.name),
          type,
          uploadedBy: user.username,
          uploadedAt: deps.now().toISOString(),
        },
        bytes,
      );
    } catch (err) {
      if (counted) await deps.quotas!.release(counted);
      throw err;
    }
    c.header('Location', `/api/projects/${id}/materials/${saved.id}`);
    return c.json(saved, 201);
  });

  app.openapi(list, async (c) => {
    const { id } = c.req.valid('param');
    const files = store();
    const { readable } = await access(c.get('user'), id);
    return c.json({ files: (await files.list(id)).filter(readable) }, 200);
  });

  app.openapi(download, async (c) => {
    const { id, fileId } = c.req.valid('param');
    const files = store();
    const user = c.get('user');
    const { readable } = await access(user, id);
    const meta = await files.meta(id, fileId);
    if (!meta || !readable(meta)) throw AppError.notFound(`file '${fileId}'`);
    const bytes = await files.bytes(meta);
    // Who in a department read the material, for back-fill detection (an approval with nothing opened).
    if (user.role === 'department' && user.departmentId) await files.recordOpen(meta, user.departmentId, user.username, deps.now().toISOString());
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': meta.type,
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': contentDisposition(meta.name),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
  });
}
