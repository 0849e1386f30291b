/**
 * Legal documents end to end on the real dev server and PostgreSQL: a project's acts (accept,
 * a department's correction request, approval with conditions, a rejection) go through the
 * workflow, whose wake batch has the worker render and store each document once; the archive
 * then holds one document per act, numbered, with the text the act called for.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { MemoryOutbox, MemoryReadModel, type THandover, type TCreditRecordEntry, type TNotification, type TUndelivered } from '../../activities';
import { DocumentArchive, type TStoredDocument } from '../../activities/documents/archive';
import { stageApplication } from '../../client/scenario';
import { decide } from '../../client/projects';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { builtinRegistry } from '../../definitions/process';
import { departmentNames } from '../../service/projects/names';
import { createWorker } from '../../worker/create-worker';
import { connectToDevServer } from '../helpers/dev-server';
import { eventually } from '../helpers/eventually';
import { type TestDatabase, testDatabase } from '../helpers/postgres';
import { actorsFor, registerDefaultProject } from '../helpers/projects';
import { workflowBundle } from '../helpers/worker';

let env: TestWorkflowEnvironment;
let t: TestDatabase;
let archive: DocumentArchive;
beforeAll(async () => {
  env = await connectToDevServer();
  t = await testDatabase();
  archive = new DocumentArchive(t.db, departmentNames(builtinRegistry()));
});
afterAll(async () => {
  await env?.teardown();
  await t?.drop();
});

const textOf = async (d: TStoredDocument) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: (await archive.get(d.projectId, d.id))!.content })
    .toString('utf8')
    .replace(/\s+/g, '');

test("a project's acts produce their documents through the workflow's wake batch, each stored once", async () => {
  const taskQueue = `test-${randomUUID()}`;
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    deps: {
      outbox: new MemoryOutbox<TNotification>(),
      supervision: new MemoryOutbox<THandover>(),
      undelivered: new MemoryOutbox<TUndelivered>(),
      calendar: buildOfficialSnapshot,
      readModel: new MemoryReadModel(),
      credit: new MemoryOutbox<TCreditRecordEntry>(),
      documents: archive,
    },
    workflowBundle: await workflowBundle(),
  });
  await worker.runUntil(async () => {
    const enterpriseId = `ent-${randomUUID().slice(0, 6)}`;
    const { projectId, definition } = await registerDefaultProject(env.client, taskQueue, { projectId: `doc-${randomUUID().slice(0, 8)}`, enterpriseId });
    const actors = actorsFor(definition, enterpriseId);
    const first = definition.stages[0]!;
    const { materials, formFields } = await stageApplication(env.client, projectId, first.id);
    const form = Object.fromEntries(formFields.map((f) => [f.id, '示例']));
    await decide(env.client, projectId, actors.enterprise, { type: 'submitApplication', stageId: first.id, form, materials });
    await decide(env.client, projectId, actors.coordinator, { type: 'decideIntake', stageId: first.id, decision: 'accept' });
    const planning = { userId: 'dept-planning', role: 'department' as const, departmentId: 'development-reform' };
    await decide(env.client, projectId, planning, { type: 'approveReview', itemId: 'project-filing', conditions: '按备案内容建设' });
    const eco = { userId: 'dept-eco', role: 'department' as const, departmentId: 'ecology-environment' };
    await decide(env.client, projectId, eco, { type: 'requestCorrection', itemId: 'eia-form-approval', materials: ['eia-form'], reason: '噪声预测章节缺失' });
    await decide(env.client, projectId, actors.enterprise, { type: 'answerCorrection', itemId: 'eia-form-approval' });
    await decide(env.client, projectId, eco, { type: 'rejectReview', itemId: 'eia-form-approval', reason: '选址位于饮用水水源保护区内' });

    const documents = await eventually(
      () => archive.list(projectId),
      (list) => list.length >= 4,
    );
    expect(documents.map((d) => d.title)).toEqual(['受理通知书', '准予行政许可决定书', '一次性补正告知书', '不予行政许可决定书']);
    // Numbered per issuing body and year: the centre's and each department's own sequence.
    expect(documents.map((d) => d.issuer)).toEqual(['centre', 'development-reform', 'ecology-environment', 'ecology-environment']);
    expect(new Set(documents.map((d) => `${d.issuer} ${d.number}`)).size).toBe(4);
    const approval = await textOf(documents[1]!);
    expect(approval).toContain('许可附加条件：按备案内容建设');
    const rejection = await textOf(documents[3]!);
    expect(rejection).toContain('理由如下：选址位于饮用水水源保护区内');
    expect(rejection).toContain('六十日内依法申请行政复议');
    // The seal names the department as the definition does.
    expect(rejection).toContain(departmentNames(builtinRegistry()).get('ecology-environment')!);
    // One row per act, whatever the activity's retries did (keys are unique).
    expect(new Set(documents.map((d) => d.key)).size).toBe(documents.length);
  });
});
