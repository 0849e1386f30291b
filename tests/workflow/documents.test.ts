/**
 * Legal documents on the time-skipping server: the acts of a project (here: an acceptance with
 * tolerance, and a deemed acceptance when nobody decides) reach the document archive through
 * the wake batch, each key once; when the batch cannot get through, its documents go the
 * durable way (issueDocument) and still arrive once.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { decide, decideAndView, startProject } from '../../client/projects';
import type { TDocumentFacts } from '../../definitions/documents/kinds';
import type { TStoredDocument } from '../../activities/documents/archive';
import { actors, smallProjectInput } from '../fixtures/small-spec';
import { eventually } from '../helpers/eventually';
import { onTimeSkippingServer } from '../helpers/time-skipping';
import { testWorker } from '../helpers/worker';

let env: TestWorkflowEnvironment;
onTimeSkippingServer((started) => (env = started));

/** Keeps each key's facts once and counts calls; the first `failures` calls fail as a database outage would. */
class FakeArchive {
  readonly stored = new Map<string, TDocumentFacts>();
  calls = 0;
  constructor(private failures = 0) {}
  async issue(facts: TDocumentFacts): Promise<TStoredDocument> {
    this.calls++;
    if (this.failures-- > 0) throw new Error('database unreachable');
    if (!this.stored.has(facts.key)) this.stored.set(facts.key, facts);
    return {
      id: facts.key,
      key: facts.key,
      projectId: facts.projectId,
      kind: facts.kind,
      title: '',
      number: '',
      issuer: '',
      stageId: facts.stage.id,
      itemId: null,
      issuedAt: facts.issuedAt,
      sha256: '',
      size: 0,
    };
  }
}

const submit = { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' } } as const;

test('an acceptance with tolerance delivers its 受理通知书 and 容缺受理承诺书 in the wake batch, once each', async () => {
  const archive = new FakeArchive();
  const { worker, taskQueue } = await testWorker(env, undefined, undefined, undefined, { documents: archive });
  const project = smallProjectInput('doc', '文书测试');
  await worker.runUntil(async () => {
    await startProject(env.client, taskQueue, project);
    await decide(env.client, project.projectId, actors.enterprise, { ...submit, materials: ['site-plan', 'eia-report'] });
    await decide(env.client, project.projectId, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'acceptWithTolerance' });
    await eventually(
      async () => archive.stored.size,
      (n) => n >= 2,
    );
  });
  expect([...archive.stored.values()].map((d) => d.kind)).toEqual(['acceptanceNotice', 'toleranceCommitment']);
  expect(archive.calls).toBe(2);
});

test('deemed acceptance (art. 32) issues its notice dated on the last intake day; a batch that fails its quick attempts sends it the durable way, once', async () => {
  // The local activity's three attempts fail; the fallback's first try succeeds.
  const archive = new FakeArchive(3);
  const { worker, taskQueue } = await testWorker(env, undefined, undefined, undefined, { documents: archive });
  const project = smallProjectInput('doc', '视为受理');
  await worker.runUntil(async () => {
    await startProject(env.client, taskQueue, project);
    const view = await decideAndView(env.client, project.projectId, actors.enterprise, {
      ...submit,
      materials: ['site-plan', 'bank-letter', 'eia-report', 'public-notice-proof'],
    });
    const due = view.stages[0]!.intakeDueAt!;
    await env.sleep(Date.parse(due) - Number(await env.currentTimeMs()) + 60_000);
    await eventually(
      async () => archive.stored.size,
      (n) => n >= 1,
    );
    const [notice] = [...archive.stored.values()];
    expect(notice).toMatchObject({ kind: 'acceptanceNotice', mode: 'deemed', issuedOn: due.slice(0, 10), actorUserId: 'system' });
  });
  expect(archive.stored.size).toBe(1);
  expect(archive.calls).toBe(4);
});
