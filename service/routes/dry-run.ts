/**
 * `POST /api/definitions/dry-run` (coordinators): what a definition version — new YAML/JSON
 * text, or a published id and version — would change in every running project of its id.
 * Nothing is changed: the projects are only read.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { parseDocument } from 'yaml';
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { type DefinitionRegistry, definitionRef, type TProcessDefinition, validateDefinition } from '../../definitions/process';
import type { ReadModelStore } from '../../db/read-model/store';
import { dryRunRunningProjects } from '../definitions/running-projects';
import type { AppEnv } from '../auth/middleware';
import { AppError } from '../errors';
import { BEARER, errorResponses, json, jsonBody } from '../openapi';
import type { ProjectGateway } from '../projects/gateway';
import { ZDryRunReport, ZDryRunRequest } from './dry-run.types';

const dryRun = createRoute({
  method: 'post',
  path: '/api/definitions/dry-run',
  tags: ['definitions'],
  summary: 'Dry run of a definition version over the running projects of its id (coordinators only; nothing is changed)',
  security: BEARER,
  request: { body: jsonBody(ZDryRunRequest) },
  responses: { 200: json(ZDryRunReport, 'per project: what would change, and whether it could move'), ...errorResponses(400, 401, 403, 404, 503) },
});

/** The definition in a request: the text validated as a definition file is, or a published version. */
function definitionOf(body: { document?: string; definitionId?: string; version?: number }, registry: DefinitionRegistry): TProcessDefinition {
  if (body.definitionId !== undefined) {
    const found = registry.get(body.definitionId, body.version);
    if (!found) throw AppError.notFound(`process definition '${body.definitionId}'${body.version ? ` version ${body.version}` : ''}`);
    return found;
  }
  const doc = parseDocument(body.document!);
  if (doc.errors.length > 0) throw AppError.validation(doc.errors.map((e) => ({ path: 'document', message: `invalid YAML: ${e.message.split('\n')[0]}` })));
  const checked = validateDefinition(doc.toJS());
  if (!checked.ok) throw AppError.validation(checked.problems.map((p) => ({ path: p.path ? `document.${p.path}` : 'document', message: p.message })));
  return checked.definition;
}

export function dryRunRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { projects: ProjectGateway; readModel?: ReadModelStore; definitions: DefinitionRegistry; calendar: () => WorkingCalendar; now: () => Date },
): void {
  app.openapi(dryRun, async (c) => {
    if (c.get('user').role !== 'coordinator') throw new AppError('FORBIDDEN', 'dry runs of definitions are for coordinators');
    if (!deps.readModel) throw new AppError('UNAVAILABLE', 'the read model (PostgreSQL) is not configured');
    const definition = definitionOf(c.req.valid('json'), deps.definitions);
    const report = await dryRunRunningProjects(
      { gateway: deps.projects, readModel: deps.readModel, calendar: deps.calendar(), now: deps.now() },
      { definition, ref: definitionRef(definition) },
    );
    return c.json(report, 200);
  });
}
