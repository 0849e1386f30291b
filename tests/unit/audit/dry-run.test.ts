/**
 * The dry run of a definition version over running projects (service/definitions/dry-run.ts),
 * on projects driven in the engine: each built-in definition against itself changes nothing;
 * a modified Wuhan (an added item, a changed limit, a dropped item) reports each change, the
 * running review's due moved on the official calendar, and a project whose open review's item is
 * dropped cannot move. The projects' views are the same before and after.
 */
import { definitionRef, getDefinition, type TProcessDefinition } from '../../../definitions/process';
import { modifiedWuhan } from '../../fixtures/modified-wuhan';
import { defaultCalendar } from '../../../definitions/calendar/official';
import { dryRunProject } from '../../../service/definitions/dry-run';
import type { ProjectEngine } from '../../../workflows/engine/project-engine';
import { projectView } from '../../../workflows/engine/view';
import type { TActor } from '../../../workflows/model/actor';
import { firstStageInReview as acceptedProject, run } from '../engine/engine-fixture';

const calendar = defaultCalendar();
const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;
const ENTERPRISE = 'ent-dry';
const dept = (departmentId: string): TActor => ({ userId: `d-${departmentId}`, role: 'department', departmentId });

/** A project on `definitionId` with its first stage's application accepted on `on` (Mon 2 March 2026). */
const firstStageInReview = (projectId: string, definitionId = 'wuhan-industrial', on = '2026-03-02') =>
  acceptedProject({ projectId, enterpriseId: ENTERPRISE, definitionId, on });

const NOW = at('2026-03-04');
const stateOf = (e: ProjectEngine) => ({ view: projectView(e, NOW), spec: e.input.spec });
const published = (d: TProcessDefinition) => ({ definition: d, ref: definitionRef(d) });

test.each(['wuhan-industrial', 'national-four-stage'])('%s against itself: no change, and the project can move', (definitionId) => {
  const e = firstStageInReview(`same-${definitionId}`, definitionId);
  const report = dryRunProject(stateOf(e), published(getDefinition(definitionId)!), calendar);
  expect(report).toMatchObject({
    canMove: true,
    unchanged: true,
    blockers: [],
    itemsAdded: [],
    itemsDropped: [],
    limitsChanged: [],
    duesMoved: [],
    materialsNewlyRequired: [],
  });
});

test('Wuhan → modified Wuhan: the added item, the dropped one, the changed limit with the running review due 3 working days earlier', () => {
  const e = firstStageInReview('p-move');
  const before = JSON.stringify(stateOf(e));
  const report = dryRunProject(stateOf(e), published(modifiedWuhan()), calendar);
  expect(report.canMove).toBe(true);
  expect(report.to).toMatchObject({ id: 'wuhan-industrial', version: 5 });
  expect(report.itemsAdded).toEqual([
    { stageId: 'construction-approval', itemId: 'water-supply-review', title: '供水接入审查', departmentId: 'housing-construction' },
  ]);
  expect(report.itemsDropped).toEqual([{ stageId: 'preparation', itemId: 'energy-review', title: expect.any(String), status: 'pending' }]);
  expect(report.limitsChanged).toEqual([
    { itemId: 'eia-form-approval', title: expect.any(String), promised: { from: 10, to: 7 }, legal: { from: 30, to: 25 } },
  ]);
  // Accepted Mon 2 March: promised 10 working days → Mon 16 March, 7 → Wed 11 March; legal 30 → Tue 14 April, 25 → Tue 7 April (Qingming, 4–6 April, is off).
  expect(report.duesMoved).toEqual([
    {
      itemId: 'eia-form-approval',
      title: expect.any(String),
      promisedDueAt: { from: '2026-03-16T24:00:00+08:00', to: '2026-03-11T24:00:00+08:00' },
      legalDueAt: { from: '2026-04-14T24:00:00+08:00', to: '2026-04-07T24:00:00+08:00' },
      provisional: false,
    },
  ]);
  expect(report.materialsNewlyRequired).toEqual([
    {
      stageId: 'construction-approval',
      itemId: 'water-supply-review',
      materialId: 'water-supply-plan',
      title: '供水接入方案',
      kind: 'core',
      stageStatus: 'locked',
    },
  ]);
  expect(report.unchanged).toBe(false);
  expect(JSON.stringify(stateOf(e))).toBe(before);
});

test('a project whose open review is on the dropped item cannot move, with the reason', () => {
  const e = firstStageInReview('p-stuck');
  run(e, dept('development-reform'), { type: 'approveReview', itemId: 'project-filing' }, at('2026-03-02', '11:00'));
  expect(e.reviewStatus('energy-review')).toBe('inReview');
  const report = dryRunProject(stateOf(e), published(modifiedWuhan()), calendar);
  expect(report.canMove).toBe(false);
  expect(report.blockers).toEqual([
    { stageId: 'preparation', itemId: 'energy-review', reason: 'the open review of energy-review (inReview) has no item in the new version' },
  ]);
});

test('a moved due in a year whose holiday notice is not loaded (2027) is marked provisional', () => {
  const e = firstStageInReview('p-december', 'wuhan-industrial', '2026-12-14');
  const report = dryRunProject({ view: projectView(e, at('2026-12-15')), spec: e.input.spec }, published(modifiedWuhan()), calendar);
  expect(report.duesMoved.map((d) => [d.itemId, d.legalDueAt.to.slice(0, 4), d.provisional])).toEqual([['eia-form-approval', '2027', true]]);
});
