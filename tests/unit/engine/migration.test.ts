/**
 * migrateDefinition (issue 17 item 4) on Wuhan projects driven in the engine: a project that can
 * move runs the modified Wuhan (v5) afterwards — the dropped item gone, the added one waiting in
 * its stage, the running EIA review due 3 working days earlier, decided reviews unchanged — with
 * who moved it and what changed in its history; one whose open review is on the dropped item is
 * refused with the dry run's reason and stays as it was.
 */
import { definitionRef } from '../../../definitions/process';
import { modifiedWuhan } from '../../fixtures/modified-wuhan';
import { projectView } from '../../../workflows/engine/view';
import type { ProjectEngine } from '../../../workflows/engine/project-engine';
import { resolveProjectSpec } from '../../../workflows/model/resolve-spec';
import type { TActor } from '../../../workflows/model/actor';
import type { TCommand } from '../../../workflows/model/commands';
import type { TProjectAttributes } from '../../../definitions/process/schema';
import { at, firstStageInReview as acceptedProject, refusal, run } from './engine-fixture';

const ENTERPRISE = 'ent-migrate';
const coordinator: TActor = { userId: 'coord-1', role: 'coordinator' };
const enterprise: TActor = { userId: 'e', role: 'enterprise', enterpriseId: ENTERPRISE };
const dept = (departmentId: string): TActor => ({ userId: `d-${departmentId}`, role: 'department', departmentId });

/** Wuhan v4 with its first stage accepted on Mon 2 March 2026. */
const firstStageInReview = (projectId: string) => acceptedProject({ projectId, enterpriseId: ENTERPRISE });

/** The command a coordinator's migration sends: the modified Wuhan resolved with the project's attributes. */
function migrateTo(e: ProjectEngine): Extract<TCommand, { type: 'migrateDefinition' }> {
  const definition = modifiedWuhan();
  return {
    type: 'migrateDefinition',
    spec: resolveProjectSpec(definition, definitionRef(definition), e.input.attributes as TProjectAttributes),
    reason: '新版流程',
  };
}

const NOW = at('2026-03-04');
const review = (e: ProjectEngine, itemId: string) => projectView(e, NOW).reviews.find((r) => r.itemId === itemId);

test('a project that can move runs v5: dropped item gone, added one pending, the running review due earlier, decided ones kept, history says who and what', () => {
  const e = firstStageInReview('p-move');
  run(e, dept('development-reform'), { type: 'approveReview', itemId: 'project-filing' }, at('2026-03-02', '11:00'));
  // Its energy review now runs (it follows the filing's approval) on the item v5 drops: this one cannot move (below); a fresh one can.
  const fresh = firstStageInReview('p-move-fresh');
  const filing = review(fresh, 'project-filing');
  expect(review(fresh, 'eia-form-approval')?.clock).toMatchObject({ promisedDueAt: '2026-03-16T24:00:00+08:00', legalDueAt: '2026-04-14T24:00:00+08:00' });

  run(fresh, coordinator, migrateTo(fresh), NOW);

  expect(fresh.input.spec.definition).toMatchObject({ id: 'wuhan-industrial', version: 5 });
  const view = projectView(fresh, NOW);
  expect(view.definition).toMatchObject({ version: 5 });
  expect(view.reviews.map((r) => r.itemId)).not.toContain('energy-review');
  expect(review(fresh, 'water-supply-review')).toMatchObject({ stageId: 'construction-approval', status: 'pending', promisedLimit: 5, legalLimit: 10 });
  // Accepted Mon 2 March: promised 7 working days → Wed 11 March; legal 25 → Tue 7 April (Qingming off), as the dry run said.
  expect(review(fresh, 'eia-form-approval')).toMatchObject({
    status: 'inReview',
    promisedLimit: 7,
    legalLimit: 25,
    clock: { promisedDueAt: '2026-03-11T24:00:00+08:00', legalDueAt: '2026-04-07T24:00:00+08:00' },
  });
  expect(review(fresh, 'project-filing')).toEqual(filing);
  const entry = fresh.snapshot().history.at(-1)!;
  expect(entry).toMatchObject({ type: 'definitionMigrated', actor: { userId: 'coord-1', role: 'coordinator' }, reason: '新版流程' });
  expect(entry.summary).toBe(
    'definition wuhan-industrial v4 → v5: items added: water-supply-review; items dropped: energy-review (pending); ' +
      'eia-form-approval: promised 10 → 7, legal 30 → 25 working days, due 2026-03-16 → 2026-03-11; materials newly required: water-supply-plan (water-supply-review)',
  );

  // The other project's open energy review is on the dropped item: refused with the dry run's reason, nothing changed.
  const before = JSON.stringify(e.snapshot());
  expect(refusal(e, coordinator, migrateTo(e), NOW)).toEqual({
    code: 'NOT_ALLOWED_NOW',
    path: 'type',
    message: 'migrateDefinition: cannot move to wuhan-industrial v5: the open review of energy-review (inReview) has no item in the new version',
  });
  expect(JSON.stringify(e.snapshot())).toBe(before);
});

test('a decided review keeps its decision and its item when the new version drops it', () => {
  const e = firstStageInReview('p-decided');
  run(e, dept('development-reform'), { type: 'approveReview', itemId: 'project-filing' }, at('2026-03-02', '11:00'));
  // Dropping project-filing too: it was approved, so the project keeps it as decided.
  const definition = modifiedWuhan();
  const spec = resolveProjectSpec(definition, definitionRef(definition), e.input.attributes as TProjectAttributes);
  const preparation = spec.stages[0]!;
  const withoutFiling = { ...spec, stages: [{ ...preparation, items: preparation.items.filter((i) => i.id !== 'project-filing') }, ...spec.stages.slice(1)] };
  // energy-review is running (it depends on project-filing), so the version that drops it is refused; keep it in this one.
  const energy = e.input.spec.stages[0]!.items.find((i) => i.id === 'energy-review')!;
  withoutFiling.stages[0] = { ...withoutFiling.stages[0]!, items: [...withoutFiling.stages[0]!.items, energy] };
  run(e, coordinator, { type: 'migrateDefinition', spec: withoutFiling }, NOW);
  expect(review(e, 'project-filing')).toMatchObject({ status: 'approved', stageId: 'preparation' });
  expect(e.snapshot().history.at(-1)!.summary).toContain('items dropped: project-filing (approved)');
});

test('only a coordinator migrates, only to a newer version of the same definition', () => {
  const e = firstStageInReview('p-who');
  const command = migrateTo(e);
  expect(refusal(e, enterprise, command, NOW)).toMatchObject({ code: 'FORBIDDEN_ROLE', message: 'migrateDefinition: only a coordinator may do this' });
  expect(refusal(e, dept('development-reform'), command, NOW)).toMatchObject({ code: 'FORBIDDEN_ROLE' });
  const same = { ...command, spec: { ...command.spec, definition: e.input.spec.definition } };
  expect(refusal(e, coordinator, same, NOW)).toMatchObject({
    code: 'INVALID_FIELD',
    path: 'spec',
    message: 'spec: the project runs wuhan-industrial v4; it moves only to a newer version (got v4)',
  });
  const other = { ...command, spec: { ...command.spec, definition: { ...command.spec.definition, id: 'national-four-stage' } } };
  expect(refusal(e, coordinator, other, NOW)).toMatchObject({ code: 'INVALID_FIELD', path: 'spec' });
});
