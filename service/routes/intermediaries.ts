/**
 * The intermediary directory (`/api/providers`, 中介超市, seed 001) and parks with their
 * area-wide assessments (`/api/parks`, 区域评估). Coordinators keep both; every signed-in user
 * reads them (an enterprise picks its provider, and the park its project is located in).
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { ParkRegister, ProviderDirectory } from '../../db/intermediaries';
import type { AppEnv } from '../auth/middleware';
import { AppError } from '../errors';
import { BEARER, errorResponses, json, jsonBody, ZNoQuery } from '../openapi';
import {
  ZAssessmentView,
  ZNewAssessment,
  ZNewPark,
  ZNewProvider,
  ZParkList,
  ZParkParams,
  ZParkView,
  ZProviderList,
  ZProviderParams,
  ZProviderQuery,
  ZProviderView,
} from './intermediaries.types';

const providers = ['intermediaries'];
const parks = ['parks'];

const listProviders = createRoute({
  method: 'get',
  path: '/api/providers',
  tags: providers,
  summary: 'The intermediary directory (中介超市), by name; `serviceType` keeps the providers offering it',
  security: BEARER,
  request: { query: ZProviderQuery },
  responses: { 200: json(ZProviderList, 'the providers'), ...errorResponses(400, 401, 503) },
});
const addProvider = createRoute({
  method: 'post',
  path: '/api/providers',
  tags: providers,
  summary: 'List a provider with its qualifications and service types (coordinators)',
  security: BEARER,
  request: { body: jsonBody(ZNewProvider) },
  responses: { 201: json(ZProviderView, 'listed'), ...errorResponses(400, 401, 403, 415, 503) },
});
const removeProvider = createRoute({
  method: 'delete',
  path: '/api/providers/{id}',
  tags: providers,
  summary: 'Take a provider off the directory (coordinators); projects keep the choice they recorded',
  security: BEARER,
  request: { params: ZProviderParams },
  responses: { 200: json(ZProviderView, 'removed'), ...errorResponses(400, 401, 403, 404, 503) },
});
const listParks = createRoute({
  method: 'get',
  path: '/api/parks',
  tags: parks,
  summary: 'Parks with their area-wide assessments (区域评估)',
  security: BEARER,
  request: { query: ZNoQuery },
  responses: { 200: json(ZParkList, 'the parks'), ...errorResponses(400, 401, 503) },
});
const addPark = createRoute({
  method: 'post',
  path: '/api/parks',
  tags: parks,
  summary: 'Add a park (coordinators)',
  security: BEARER,
  request: { body: jsonBody(ZNewPark) },
  responses: { 201: json(ZParkView, 'added'), ...errorResponses(400, 401, 403, 409, 415, 503) },
});
const addAssessment = createRoute({
  method: 'post',
  path: '/api/parks/{parkId}/assessments',
  tags: parks,
  summary:
    "Register a park's assessment result: type, scope, validity (coordinators); projects registered in the park afterwards are not asked for its materials",
  security: BEARER,
  request: { params: ZParkParams, body: jsonBody(ZNewAssessment) },
  responses: { 201: json(ZAssessmentView, 'registered'), ...errorResponses(400, 401, 403, 404, 415, 503) },
});

function coordinatorOnly(role: string, what: string): void {
  if (role !== 'coordinator') throw new AppError('FORBIDDEN', `only a coordinator ${what}`);
}

export function intermediaryRoutes(app: OpenAPIHono<AppEnv>, deps: { providers?: ProviderDirectory; parks?: ParkRegister; now: () => Date }): void {
  const directory = () => deps.providers ?? unavailable();
  const register = () => deps.parks ?? unavailable();

  app.openapi(listProviders, async (c) => c.json({ providers: await directory().list(c.req.valid('query').serviceType) }, 200));

  app.openapi(addProvider, async (c) => {
    const user = c.get('user');
    coordinatorOnly(user.role, 'keeps the intermediary directory');
    return c.json(await directory().add(c.req.valid('json'), user.username), 201);
  });

  app.openapi(removeProvider, async (c) => {
    coordinatorOnly(c.get('user').role, 'keeps the intermediary directory');
    const { id } = c.req.valid('param');
    const provider = await directory().get(id);
    if (!provider || !(await directory().remove(id))) throw AppError.notFound(`provider ${id}`);
    return c.json(provider, 200);
  });

  app.openapi(listParks, async (c) => c.json({ parks: await register().parks() }, 200));

  app.openapi(addPark, async (c) => {
    coordinatorOnly(c.get('user').role, 'adds a park');
    const { id, name } = c.req.valid('json');
    if (!(await register().addPark(id, name))) throw new AppError('CONFLICT', `park ${id} exists already`, [{ path: 'id', message: 'taken' }]);
    return c.json({ id, name, assessments: [] }, 201);
  });

  app.openapi(addAssessment, async (c) => {
    const user = c.get('user');
    coordinatorOnly(user.role, "registers a park's assessments");
    const { parkId } = c.req.valid('param');
    if (!(await register().park(parkId))) throw AppError.notFound(`park ${parkId}`);
    const added = await register().addAssessment(parkId, c.req.valid('json'), user.username, deps.now());
    return c.json(added, 201);
  });
}

function unavailable(): never {
  throw new AppError('UNAVAILABLE', 'the intermediary directory and parks (PostgreSQL) are not configured');
}
