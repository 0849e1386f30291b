/** What a delegation to an agent (代办) covers: its enterprise, all or listed projects, its dates, until revoked. */
import { covers, inForce, type TDelegation } from '../../../service/agents/delegation';

const base: TDelegation = {
  id: '1',
  agentUsername: 'agent-li',
  enterpriseId: 'ent-a',
  validFrom: '2026-03-02',
  validTo: '2026-03-31',
  recordedBy: 'coordinator',
  recordedAt: '2026-03-01T08:00:00.000Z',
};
const p1 = { enterpriseId: 'ent-a', projectId: 'p1' };

test.each([
  ['every project of its enterprise, within its dates', base, p1, '2026-03-10', true],
  ['its first and last day are included', base, p1, '2026-03-02', true],
  ['the last day too', base, p1, '2026-03-31', true],
  ['not before it starts', base, p1, '2026-03-01', false],
  ['not after it ends', base, p1, '2026-04-01', false],
  ["not another enterprise's project", base, { enterpriseId: 'ent-b', projectId: 'p9' }, '2026-03-10', false],
  ['a listed project', { ...base, projectIds: ['p1', 'p2'] }, p1, '2026-03-10', true],
  ['not a project it does not list', { ...base, projectIds: ['p2'] }, p1, '2026-03-10', false],
  ['nothing once revoked', { ...base, revokedAt: '2026-03-05T01:00:00.000Z', revokedBy: 'coordinator' }, p1, '2026-03-10', false],
] as [string, TDelegation, { enterpriseId: string; projectId: string }, string, boolean][])('%s', (_name, delegation, project, today, expected) => {
  expect(covers(delegation, project, today)).toBe(expected);
});

test('in force: within its dates and not revoked', () => {
  expect(inForce(base, '2026-03-15')).toBe(true);
  expect(inForce({ ...base, revokedAt: 'x' }, '2026-03-15')).toBe(false);
  expect(inForce(base, '2026-04-15')).toBe(false);
});
