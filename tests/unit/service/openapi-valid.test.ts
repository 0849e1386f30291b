/**
 * The served contract is a valid OpenAPI 3 document: checked against the OpenAPI 3.0 JSON
 * schema, with every $ref resolving, by @apidevtools/swagger-parser (a maintained validator),
 * and every route the app answers is in it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { checkProjectCode } from '../../../service/projects/project-code';
import { call, testApp } from '../../helpers/service';

/** swagger-parser's verdict on a document (tests/helpers/openapi-validate.mjs, in a child process). */
function validate(document: unknown): { ok: boolean; title?: string; message?: string } {
  const run = spawnSync(process.execPath, [join(__dirname, '..', '..', 'helpers', 'openapi-validate.mjs')], {
    input: JSON.stringify(document),
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (run.status !== 0) throw new Error(`openapi-validate.mjs failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

let doc: any;
beforeAll(async () => {
  const app = await testApp();
  const res = await call(app, 'GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});

test('GET /api/openapi.json validates against the OpenAPI 3 schema', () => {
  expect(validate(doc)).toEqual({ ok: true, title: 'Parallel Approvals API' });
});

test('the validator refuses a broken document (it can fail)', () => {
  const broken = structuredClone(doc);
  broken.paths['/api/me'].get.responses = { 200: { content: {} } }; // a response without its required description
  expect(validate(broken)).toEqual({ ok: false, message: expect.stringMatching(/description/) });
  const dangling = structuredClone(doc);
  dangling.paths['/api/me'].get.responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/Nobody' };
  expect(validate(dangling)).toEqual({ ok: false, message: expect.stringMatching(/Nobody/) });
});

test('every operation declares its error responses with the one error body, and the project routes their 404', () => {
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (path === '/api/health') continue;
      expect([method, path, op.responses['500']?.content?.['application/json']?.schema]).toEqual([method, path, { $ref: '#/components/schemas/Error' }]);
      if (path.startsWith('/api/projects/{id}')) expect([method, path, Object.keys(op.responses)]).toEqual([method, path, expect.arrayContaining(['404'])]);
    }
  }
});

test("the registration's projectCode example is a code the service accepts", () => {
  const body = doc.paths['/api/projects'].post.requestBody.content['application/json'].schema;
  const schema = body.$ref ? doc.components.schemas[body.$ref.split('/').pop()] : body;
  const example = schema.properties.projectCode.example;
  expect(checkProjectCode(example)).toEqual({ ok: true, code: example });
});
