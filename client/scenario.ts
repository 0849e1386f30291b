/**
 * Walks a registered project through every stage as its enterprise, coordinator and
 * departments would, with every decision going through the real update validator. Used by
 * the end-to-end tests, the recorded replay histories and the demo data.
 */
import type { Client } from '@temporalio/client';
import type { TActor } from '../workflows/model/actor';
import type { TProjectView } from '../workflows/engine/view';
import { projectWorkflowId, specQuery } from '../workflows/messages';
import { decideAndView, viewProject } from './projects';

export interface ScenarioActors {
  coordinator: TActor;
  enterprise: TActor;
  department: (departmentId: string) => TActor;
}

export interface ScenarioOptions {
  /** Stop after this many stages have issued their results (default: all). */
  stages?: number;
  /** Rate each finished stage (好差评). */
  rate?: boolean;
  /** Hand the stage's licences over this way as the results are issued, instead of one 送达 decision each. */
  deliverAtIssue?: 'collected' | 'mailed' | 'electronic';
  /** Called before each decision, e.g. to advance time between steps. */
  pause?: () => Promise<void>;
}

export async function driveProject(client: Client, projectId: string, actors: ScenarioActors, opts: ScenarioOptions = {}): Promise<TProjectView> {
  let view = await viewProject(client, projectId);
  const stageCount = Math.min(opts.stages ?? view.stages.length, view.stages.length);
  const step = async (actor: TActor, command: Parameters<typeof decideAndView>[3]) => {
    await opts.pause?.();
    view = await decideAndView(client, projectId, actor, command);
  };
  for (let i = 0; i < stageCount; i++) {
    const stage = view.stages[i]!;
    const spec = view.reviews.filter((r) => r.stageId === stage.stageId);
    const { materials, formFields } = await stageApplication(client, projectId, stage.stageId);
    const form = Object.fromEntries(formFields.map((f) => [f.id, '示例']));
    await step(actors.enterprise, { type: 'submitApplication', stageId: stage.stageId, form, materials });
    await step(actors.coordinator, { type: 'decideIntake', stageId: stage.stageId, decision: 'accept' });
    for (let guard = 0; guard < 100 && view.stages[i]!.status === 'inReview'; guard++) {
      const open = view.reviews.filter((r) => r.status === 'inReview' && (r.stageId === stage.stageId || r.early));
      if (open.length === 0)
        throw new Error(`stage ${stage.stageId} is stuck: no review in progress (${spec.map((r) => `${r.itemId}:${r.status}`).join(', ')})`);
      const r = open[0]!;
      await step(actors.department(r.departmentId), { type: 'approveReview', itemId: r.itemId });
    }
    await step(actors.coordinator, { type: 'issueResults', stageId: stage.stageId, ...(opts.deliverAtIssue ? { deliver: opts.deliverAtIssue } : {}) });
    // 送达 (行政许可法 art. 44): the stage's licences handed over; a project under rules 3 ends only once they are.
    for (const d of view.deliveries?.filter((x) => x.status === 'open') ?? []) {
      await step(actors.coordinator, { type: 'deliverResult', itemId: d.itemId, way: 'electronic' });
    }
    if (opts.rate) await step(actors.enterprise, { type: 'rate', stageId: stage.stageId, score: 5, comment: '办理高效' });
  }
  return view;
}

/** What a stage's application must carry: its form fields, and the materials earlier results do not provide. */
export async function stageApplication(client: Client, projectId: string, stageId: string) {
  const spec = await client.workflow.getHandle(projectWorkflowId(projectId)).query(specQuery);
  const stage = spec.stages.find((s) => s.id === stageId)!;
  const issued = new Set((await viewProject(client, projectId)).results.filter((r) => r.issuedAt).map((r) => r.resultId));
  const materials = [
    ...new Set(stage.items.flatMap((i) => i.materials.filter((m) => !(m.providedByResult && issued.has(m.providedByResult))).map((m) => m.id))),
  ];
  return { materials, formFields: stage.formFields };
}
