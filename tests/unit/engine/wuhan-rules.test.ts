/**
 * The default (Wuhan) definition walked on the engine in memory, for two rules a complete walk
 * showed wrong (issue 11, part 8): 提前介入 — the drawing, fire design and civil air defence
 * design reviews start while preparation is still under review, once the land pre-review they
 * need is approved — and a same-day item (项目备案, promised 0) gets no yellow card within its
 * day. Projects created under rules 1 keep the old behaviour (their recorded histories replay).
 */
import type { ProjectEngine } from '../../../workflows/engine/project-engine';
import { projectView } from '../../../workflows/engine/view';
import type { TActor } from '../../../workflows/model/actor';
import type { TCommand } from '../../../workflows/model/commands';
import { definitionProject } from './engine-fixture';

const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;
const ENTERPRISE = 'ent-w';
const coordinator: TActor = { userId: 'c', role: 'coordinator' };
const enterprise: TActor = { userId: 'e', role: 'enterprise', enterpriseId: ENTERPRISE };
const dept = (departmentId: string): TActor => ({ userId: `d-${departmentId}`, role: 'department', departmentId });
const EARLY = ['drawing-review', 'fire-design-review', 'civil-air-defence-design-review'];

function wuhanProject(rules?: number, now = at('2026-03-02')) {
  return definitionProject({ projectId: 'p-wuhan', title: '武汉工业项目', enterpriseId: ENTERPRISE, now, rules });
}

function run(e: ProjectEngine, actor: TActor, command: TCommand, now: string) {
  e.advanceTime(now);
  e.apply(actor, command, now);
}

/** The preparation application, complete, accepted on Mon 2 March 2026. */
function preparationAccepted(e: ProjectEngine, now = at('2026-03-02')) {
  const stage = e.input.spec.stages[0]!;
  const form = Object.fromEntries(stage.formFields.map((f) => [f.id, '示例']));
  const materials = [...new Set(stage.items.flatMap((i) => i.materials.filter((m) => !m.providedByResult).map((m) => m.id)))];
  run(e, enterprise, { type: 'submitApplication', stageId: stage.id, form, materials }, now);
  run(e, coordinator, { type: 'decideIntake', stageId: stage.id, decision: 'accept' }, now);
}

const early = (e: ProjectEngine, now: string) =>
  projectView(e, now)
    .reviews.filter((r) => EARLY.includes(r.itemId))
    .map((r) => [r.itemId, r.status, r.early]);

describe('提前介入: the technical reviews of construction approval start during preparation', () => {
  test('pending until the land pre-review is approved, then dispatched early while the other preparation reviews still run', () => {
    const e = wuhanProject();
    preparationAccepted(e);
    run(e, dept('development-reform'), { type: 'approveReview', itemId: 'project-filing' }, at('2026-03-02', '11:00'));
    expect(early(e, at('2026-03-02', '11:00'))).toEqual(EARLY.map((id) => [id, 'pending', false]));

    run(e, dept('natural-resources-planning'), { type: 'approveReview', itemId: 'land-pre-review' }, at('2026-03-04'));
    expect(early(e, at('2026-03-04'))).toEqual(EARLY.map((id) => [id, 'inReview', true]));
    // Preparation is still under review: its land-use permit, EIA, energy review and land title run on.
    expect(e.stageStatus('preparation')).toBe('inReview');
    expect(e.stageStatus('construction-approval')).toBe('locked');
    expect(['land-use-planning-permit', 'eia-form-approval', 'energy-review', 'land-title'].map((id) => e.reviewStatus(id))).toEqual([
      'inReview',
      'inReview',
      'inReview',
      'inReview',
    ]);
    // The departments see it in their inboxes as a technical pre-review, with its clock running.
    const fire = projectView(e, at('2026-03-04')).reviews.find((r) => r.itemId === 'fire-design-review')!;
    expect(fire.startedAt).toBe(at('2026-03-04'));
    expect(
      e
        .snapshot()
        .history.filter((h) => h.type === 'dispatched' && EARLY.includes(h.itemId!))
        .map((h) => h.summary),
    ).toEqual(EARLY.map(() => expect.stringMatching(/technical pre-review/)));
  });

  test('the construction permit still waits for its stage and for the early reviews it depends on', () => {
    const e = wuhanProject();
    preparationAccepted(e);
    run(e, dept('development-reform'), { type: 'approveReview', itemId: 'project-filing' }, at('2026-03-02', '11:00'));
    run(e, dept('natural-resources-planning'), { type: 'approveReview', itemId: 'land-pre-review' }, at('2026-03-04'));
    expect(e.reviewStatus('construction-permit')).toBe('pending');
    expect(e.reviewStatus('construction-planning-permit')).toBe('pending');
  });

  test('a project created under rules 1 keeps the old rule (no early start before the results are issued)', () => {
    const e = wuhanProject(1);
    preparationAccepted(e);
    run(e, dept('development-reform'), { type: 'approveReview', itemId: 'project-filing' }, at('2026-03-02', '11:00'));
    run(e, dept('natural-resources-planning'), { type: 'approveReview', itemId: 'land-pre-review' }, at('2026-03-04'));
    expect(early(e, at('2026-03-04'))).toEqual(EARLY.map((id) => [id, 'pending', false]));
  });
});

describe('a same-day item (项目备案, promised 0) and the cards', () => {
  const filing = (e: ProjectEngine, now: string) => projectView(e, now).reviews.find((r) => r.itemId === 'project-filing')!;
  const cardsOf = (e: ProjectEngine) =>
    e
      .snapshot()
      .history.filter((h) => h.itemId === 'project-filing' && /Card$/.test(h.type))
      .map((h) => [h.type, h.at]);

  test('dispatched: green for its whole day, no yellow card; red once the day is over', () => {
    const e = wuhanProject();
    preparationAccepted(e, at('2026-03-02'));
    expect(e.reviewStatus('project-filing')).toBe('inReview');
    expect(filing(e, at('2026-03-02', '23:59')).clock!.card).toBe('green');
    e.advanceTime(at('2026-03-02', '23:59'));
    expect(cardsOf(e)).toEqual([]);
    // The engine's one timer goes to 24:00, when the item is overdue.
    expect(e.nextWakeAt(at('2026-03-02', '12:00'))).toBe('2026-03-02T24:00:00+08:00');
    e.advanceTime(at('2026-03-03', '00:00'));
    expect(cardsOf(e)).toEqual([['redCard', '2026-03-02T24:00:00+08:00']]);
  });

  test('approved within its day: never a card', () => {
    const e = wuhanProject();
    preparationAccepted(e, at('2026-03-02'));
    run(e, dept('development-reform'), { type: 'approveReview', itemId: 'project-filing' }, at('2026-03-02', '16:00'));
    e.advanceTime(at('2026-03-10'));
    expect(cardsOf(e)).toEqual([]);
    expect(e.snapshot().cards['project-filing'] ?? 'green').toBe('green');
  });

  test('a project created under rules 1 keeps the yellow card it had at dispatch (its history replays)', () => {
    const e = wuhanProject(1);
    preparationAccepted(e, at('2026-03-02'));
    e.advanceTime(at('2026-03-02', '12:00'));
    expect(cardsOf(e)).toEqual([['yellowCard', at('2026-03-02')]]);
    expect(filing(e, at('2026-03-02', '12:00')).clock!.card).toBe('yellow');
  });
});
