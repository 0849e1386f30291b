/**
 * Walks a registered project through every stage as its enterprise, coordinator and
 * departments would, with every decision going through the real update validator. Used by
 * the end-to-end tests, the recorded replay histories and the demo data.
 */
import type { Client } from '@temporalio/client';
import type { TActor } from '../workflows/model/actor';
import type { TProjectView } from '../workflows/engine/view';
import { projectWorkflowId, specQuery } from '../workflows/messages';
import { DecisionError, decideAndView, viewProject } from './projects';

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
    const { materials, formFields, joint } = await stageApplication(client, projectId, stage.stageId);
    const form = Object.fromEntries(formFields.map((f) => [f.id, '示例']));
    await step(actors.enterprise, { type: 'submitApplication', stageId: stage.stageId, form, materials });
    const accept = { type: 'decideIntake' as const, stageId: stage.stageId, decision: 'accept' as const };
    // 联合验收: the joint site visit is booked with the acceptance (统一收件), one decision instead of two.
    if (joint) {
      await opts.pause?.();
      await onEarliestVisitDay(view.stages[i]!.submittedAt!, 'siteVisitOn', async (siteVisitOn) => {
        view = await decideAndView(client, projectId, actors.coordinator, { ...accept, siteVisitOn });
      });
    } else await step(actors.coordinator, accept);
    if (joint) view = await passJointAcceptance(client, projectId, stage.stageId, actors, step, opts.pause);
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

type TStep = (actor: TActor, command: Parameters<typeof decideAndView>[3]) => Promise<void>;

/**
 * 联合验收 as the driver walks it: the site visit was proposed with the acceptance on the earliest
 * date the project takes (today on the project's clock, or the next working day) and every
 * department records its part as passed on the visit, which confirms the date for it
 * (`confirmsVisit`: one decision a part instead of a confirmation and a record; issue 12's 200
 * events). When the proposed day has not come on the project's clock (today was no working
 * day), each department confirms it and records its part as before.
 */
async function passJointAcceptance(
  client: Client,
  projectId: string,
  stageId: string,
  actors: ScenarioActors,
  step: TStep,
  pause?: () => Promise<void>,
): Promise<TProjectView> {
  const opened = (await viewProject(client, projectId)).joint!.find((j) => j.stageId === stageId)!;
  if (!opened.proposal) {
    await pause?.();
    const propose = (date: string) => decideAndView(client, projectId, actors.coordinator, { type: 'proposeSiteVisit', stageId, date });
    await onEarliestVisitDay(opened.clock.startedAt, 'date', propose);
  }
  const record = (itemId: string) => ({ type: 'recordInspection' as const, itemId, outcome: 'pass' as const, findings: '符合验收要求' });
  const [first, ...rest] = opened.parts;
  try {
    await step(actors.department(first!.departmentId), { ...record(first!.itemId), confirmsVisit: true });
  } catch (error) {
    if (!(error instanceof DecisionError) || error.details?.path !== 'confirmsVisit') throw error;
    for (const part of opened.parts) await step(actors.department(part.departmentId), { type: 'confirmSiteVisit', itemId: part.itemId });
    for (const part of opened.parts) await step(actors.department(part.departmentId), record(part.itemId));
    return viewProject(client, projectId);
  }
  for (const part of rest) await step(actors.department(part.departmentId), { ...record(part.itemId), confirmsVisit: true });
  return viewProject(client, projectId);
}

/**
 * The driver does not know the project's clock (a time-skipping server's differs from ours), so it
 * tries the visit on the day of `from` and moves a day on each refusal of the date under `path` (in
 * the past, or no working day on the project's calendar); a refused decision changes nothing.
 */
async function onEarliestVisitDay(from: string, path: string, decideOn: (date: string) => Promise<unknown>): Promise<void> {
  const day = new Date(`${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(from))}T00:00:00Z`);
  for (let tries = 0; tries < 60; tries++, day.setUTCDate(day.getUTCDate() + 1)) {
    try {
      await decideOn(day.toISOString().slice(0, 10));
      return;
    } catch (error) {
      if (!(error instanceof DecisionError) || error.details?.path !== path || error.details.code !== 'INVALID_FIELD') throw error;
    }
  }
  throw new Error(`no site-visit date within 60 days of ${from} was taken`);
}

/** What a stage's application must carry: its form fields, and the materials earlier results do not provide. */
export async function stageApplication(client: Client, projectId: string, stageId: string) {
  const spec = await client.workflow.getHandle(projectWorkflowId(projectId)).query(specQuery);
  const stage = spec.stages.find((s) => s.id === stageId)!;
  const issued = new Set((await viewProject(client, projectId)).results.filter((r) => r.issuedAt).map((r) => r.resultId));
  const materials = [
    ...new Set(stage.items.flatMap((i) => i.materials.filter((m) => !(m.providedByResult && issued.has(m.providedByResult))).map((m) => m.id))),
  ];
  return { materials, formFields: stage.formFields, joint: stage.joint !== undefined };
}
