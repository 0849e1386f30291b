/**
 * A project's legal documents over the API (GET /api/projects/{id}/documents and
 * …/documents/{documentId}) on the engine in memory: the documents its acts produced, issued
 * into the archive as the worker does, listed with number, title, sha256 and size, served as
 * the same PDF bytes; an enterprise reads only its own projects', a department only the
 * stage's and its own items' documents of projects it reviews; nothing leaks across roles.
 */
import { createHash } from 'node:crypto';
import { DocumentArchive } from '../../../activities/documents/archive';
import { getDefinition } from '../../../definitions/process';
import type { TActor } from '../../../workflows/model/actor';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, testApp, testDb } from '../../helpers/service';

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const stage = getDefinition('wuhan-industrial')!.stages[0]!;
const coordinator: TActor = { userId: 'coordinator', role: 'coordinator' };
const department = (departmentId: string): TActor => ({ userId: `dept-${departmentId}`, role: 'department', departmentId });

const gateway = new MemoryGateway();
let archive: DocumentArchive;
let app: Awaited<ReturnType<typeof testApp>>;
const tokens: Record<string, string> = {};
let mine: string;
let theirs: string;

/** Registers a project of `enterpriseId` and has its first stage accepted (complete application). */
async function accepted(enterpriseId: string): Promise<string> {
  const res = await call(app, 'POST', '/api/projects', {
    token: tokens.coordinator,
    body: { title: '文书项目', definitionId: 'wuhan-industrial', enterpriseId, attributes: ATTRIBUTES },
  });
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  const spec = (await gateway.spec(id)).stages[0]!;
  const form = Object.fromEntries(spec.formFields.map((f) => [f.id, f.id === 'totalInvestment' ? 5000 : '示例']));
  const materials = spec.items.flatMap((i) => i.materials.map((m) => m.id));
  await gateway.decide(id, { userId: enterpriseId, role: 'enterprise', enterpriseId }, { type: 'submitApplication', stageId: spec.id, form, materials });
  await gateway.decide(id, coordinator, { type: 'decideIntake', stageId: spec.id, decision: 'accept' });
  return id;
}

/** What the worker does with the engine's document effects. */
async function issueQueued(projectId: string): Promise<void> {
  for (const e of gateway.engines.get(projectId)!.drainEffects()) if (e.kind === 'document') await archive.issue(e.document);
}

beforeAll(async () => {
  archive = new DocumentArchive(await testDb());
  app = await testApp({ projects: gateway.asGateway(), documents: archive });
  for (const u of ['coordinator', 'dept-ecology-environment', 'dept-natural-resources-planning', 'ent-a', 'ent-b']) tokens[u] = await login(app, u);
  mine = await accepted('ent-a');
  theirs = await accepted('ent-b');
  // The filing approved, land pre-review goes to planning, which asks for a correction; ecology approves its item.
  await gateway.decide(mine, department('development-reform'), { type: 'approveReview', itemId: 'project-filing' });
  const landMaterial = stage.items.find((i) => i.id === 'land-pre-review')!.materials.find((m) => !m.providedByResult)!.id;
  await gateway.decide(mine, department('natural-resources-planning'), {
    type: 'requestCorrection',
    itemId: 'land-pre-review',
    materials: [landMaterial],
    reason: '红线图坐标有误',
  });
  await gateway.decide(mine, department('ecology-environment'), { type: 'approveReview', itemId: 'eia-form-approval', conditions: '施工期噪声达标' });
  await issueQueued(mine);
  await issueQueued(theirs);
});

const list = async (as: string, projectId: string) => call(app, 'GET', `/api/projects/${projectId}/documents`, { token: tokens[as] });

test("the project's enterprise and the coordinator list every document in the order issued, with number, title, sha256 and size", async () => {
  for (const as of ['ent-a', 'coordinator']) {
    const res = await list(as, mine);
    expect(res.status).toBe(200);
    expect(res.body.documents.map((d: { title: string }) => d.title)).toEqual(['受理通知书', '准予行政许可决定书', '一次性补正告知书', '准予行政许可决定书']);
    for (const d of res.body.documents) {
      expect(d.number).toMatch(/^〔2026〕第\d{5}号$/);
      expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(d.size).toBeGreaterThan(1000);
      expect(d).not.toHaveProperty('key');
    }
  }
});

test('a download is the stored PDF: application/pdf, the listed sha256 and size, named by title and number', async () => {
  const [first] = (await list('ent-a', mine)).body.documents;
  const res = await app.request(`/api/projects/${mine}/documents/${first.id}`, { headers: { Authorization: `Bearer ${tokens['ent-a']}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toContain(encodeURIComponent(`受理通知书${first.number}.pdf`));
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(bytes.length).toBe(first.size);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(first.sha256);
});

test("another enterprise's project: 404 for the list and for each of its documents, as if it did not exist", async () => {
  expect((await list('ent-b', mine)).status).toBe(404);
  expect((await list('ent-a', theirs)).status).toBe(404);
  for (const d of (await list('coordinator', mine)).body.documents) {
    const res = await call(app, 'GET', `/api/projects/${mine}/documents/${d.id}`, { token: tokens['ent-b'] });
    expect(res.status).toBe(404);
  }
  // A document id of one project is not found under another.
  const [ofTheirs] = (await list('ent-b', theirs)).body.documents;
  expect((await call(app, 'GET', `/api/projects/${mine}/documents/${ofTheirs.id}`, { token: tokens['ent-a'] })).status).toBe(404);
});

test("a department reads the stage's documents and its own items', never another department's", async () => {
  const eco = await list('dept-ecology-environment', mine);
  expect(eco.body.documents.map((d: { title: string }) => d.title)).toEqual(['受理通知书', '准予行政许可决定书']);
  const planning = await list('dept-natural-resources-planning', mine);
  expect(planning.body.documents.map((d: { title: string }) => d.title)).toEqual(['受理通知书', '一次性补正告知书']);
  const correction = planning.body.documents[1];
  expect((await call(app, 'GET', `/api/projects/${mine}/documents/${correction.id}`, { token: tokens['dept-ecology-environment'] })).status).toBe(404);
});

test('no token: 401; a malformed document id: 400', async () => {
  expect((await call(app, 'GET', `/api/projects/${mine}/documents`)).status).toBe(401);
  expect((await call(app, 'GET', `/api/projects/${mine}/documents/not-a-uuid`, { token: tokens['ent-a'] })).status).toBe(400);
});
