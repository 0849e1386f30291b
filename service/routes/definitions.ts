/** `GET /api/definitions` and `GET /api/definitions/:id`: the published process definitions. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { DefinitionRegistry, TPublishedDefinition } from '../../definitions/process';
import type { AppEnv } from '../auth/middleware';
import { AppError } from '../errors';
import { BEARER, errorResponses, json, ZNoQuery } from '../openapi';
import { ZDefinitionDetail, ZDefinitionList, ZDefinitionParams, ZDefinitionQuery } from './definitions.types';

const list = createRoute({
  method: 'get',
  path: '/api/definitions',
  tags: ['definitions'],
  summary: 'Every published process definition with its versions',
  security: BEARER,
  request: { query: ZNoQuery },
  responses: { 200: json(ZDefinitionList, 'the definitions'), ...errorResponses(400, 401) },
});

const detail = createRoute({
  method: 'get',
  path: '/api/definitions/{id}',
  tags: ['definitions'],
  summary: 'One definition: its versions and the document at `version` (default: latest)',
  security: BEARER,
  request: { params: ZDefinitionParams, query: ZDefinitionQuery },
  responses: { 200: json(ZDefinitionDetail, 'the definition'), ...errorResponses(400, 401, 404) },
});

function versionSummary({ definition, ref, origin }: TPublishedDefinition) {
  return {
    version: ref.version,
    hash: ref.hash,
    origin,
    title: definition.title,
    stages: definition.stages.map((s) => ({ id: s.id, title: s.title, items: s.items.length })),
    departments: definition.departments.map((d) => ({ id: d.id, name: d.name })),
  };
}

export function definitionRoutes(app: OpenAPIHono<AppEnv>, deps: { definitions: DefinitionRegistry }): void {
  const versionsOf = (id: string) => deps.definitions.list().filter((p) => p.ref.id === id);

  app.openapi(list, (c) =>
    c.json(
      {
        definitions: deps.definitions
          .ids()
          .map((id) => ({ id, latestVersion: deps.definitions.latestVersion(id)!, versions: versionsOf(id).map(versionSummary) })),
      },
      200,
    ),
  );

  app.openapi(detail, (c) => {
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('query');
    const versions = versionsOf(id);
    if (versions.length === 0) throw AppError.notFound(`process definition '${id}'`);
    const definition = deps.definitions.get(id, version);
    if (!definition) {
      throw new AppError('NOT_FOUND', `process definition '${id}' has no version ${version} (published: ${versions.map((v) => v.ref.version).join(', ')})`, [
        { path: 'query.version', message: 'no such version' },
      ]);
    }
    return c.json({ id, versions: versions.map(versionSummary), definition: definition as unknown as Record<string, unknown> }, 200);
  });
}
