/**
 * Structured refusals (issue 13, item 5): every refusal carries a code from ZRefusalCode and the
 * field path the service reported when it parsed the text, so a refusal read from its details
 * and one recorded before (read from its text) reach the API the same.
 */
import { decisionIssue } from '../../../service/projects/gateway';
import { ZRefusalDetails } from '../../../workflows/engine/refusal';
import type { TCommand } from '../../../workflows/model/commands';
import type { TActor } from '../../../workflows/model/actor';
import { actors, at, inReview, newProject, refusal, run, submitted } from './engine-fixture';

const now = at('2026-03-03');
/** The path is the text's, except where the details say more than the text did (the item another department decided on). */
const cases: Array<[string, () => ReturnType<typeof newProject>, TActor, TCommand, string?]> = [
  ['another enterprise', newProject, actors.otherEnterprise, { type: 'withdraw', reason: 'x' }],
  ['another department', inReview, actors.fire, { type: 'approveReview', itemId: 'eia' }, 'itemId'],
  ['not a coordinator', inReview, actors.planning, { type: 'requestJointExtension', itemId: 'eia', days: 1, reason: 'x' }],
  ['not the head', inReview, actors.planning, { type: 'decideExtension', itemId: 'land-planning', decision: 'approve' }],
  ['unknown stage', newProject, actors.enterprise, { type: 'rate', stageId: 'nope', score: 3 }],
  ['unknown item', inReview, actors.coordinator, { type: 'requestJointExtension', itemId: 'nope', days: 1, reason: 'x' }],
  ['no commitment', inReview, actors.enterprise, { type: 'supplyMaterial', itemId: 'eia', materialId: 'eia-report' }],
  ['unknown form field', newProject, actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { x: 1 }, materials: [] }],
  ['required field', newProject, actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: {}, materials: [] }],
  [
    'material not asked for',
    newProject,
    actors.enterprise,
    { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ['contract'] },
  ],
  ['tolerate with accept', submitted, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept', tolerate: [] }],
  [
    'tolerate not owed',
    () => submitted(['site-plan', 'eia-report']),
    actors.coordinator,
    {
      type: 'decideIntake',
      stageId: 'preparation',
      decision: 'acceptWithTolerance',
      tolerate: [{ itemId: 'eia', materialId: 'eia-report', supplyWithinDays: 1 }],
    },
  ],
  ['intake state', submitted, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'acceptWithTolerance' }],
  ['review state', newProject, actors.planning, { type: 'approveReview', itemId: 'land-planning' }],
  [
    'commitment state',
    () => inReview(['site-plan', 'eia-report']),
    actors.planning,
    { type: 'acceptSuppliedMaterial', itemId: 'land-planning', materialId: 'bank-letter' },
  ],
  ['extension days', inReview, actors.coordinator, { type: 'requestJointExtension', itemId: 'eia', days: 16, reason: 'x' }],
  ['coordinator alone extends', inReview, actors.coordinator, { type: 'grantExtension', itemId: 'eia', days: 1, reason: 'x' }],
  ['refused intake state', newProject, actors.coordinator, { type: 'refuseIntake', stageId: 'preparation', reasonCode: 'other', reason: 'x' }],
  ['rating too early', newProject, actors.enterprise, { type: 'rate', stageId: 'preparation', score: 3 }],
];

test.each(cases.map(([name, project, actor, command, path]) => [name, { project, actor, command, path }] as const))(
  '%s: a code, and the path the text gave',
  (_name, { project, actor, command, path }) => {
    const r = refusal(project(), actor, command, now);
    expect(ZRefusalDetails.parse({ code: r.code, path: r.path })).toEqual({ code: r.code, path: r.path });
    expect(r.path).toBe(path ?? decisionIssue(r.message).path);
  },
);

test('every code is reached by some refusal', () => {
  const codes = new Set(cases.map(([, project, actor, command]) => refusal(project(), actor, command, now).code));
  const e = inReview(['site-plan', 'eia-report']);
  e.advanceTime(at('2026-03-20'));
  codes.add(refusal(e, actors.environment, { type: 'approveReview', itemId: 'eia' }, at('2026-03-20')).code);
  expect([...codes].sort()).toEqual(['BUDGET_EXCEEDED', 'COMMITMENT_OVERDUE', 'FORBIDDEN_ROLE', 'INVALID_FIELD', 'NOT_ALLOWED_NOW', 'UNKNOWN_ITEM']);
  run(e, actors.enterprise, { type: 'withdraw', reason: '不再建设' }, at('2026-03-20'));
});
