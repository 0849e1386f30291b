/**
 * Issue 12: a worker holding thousands of projects keeps each calendar snapshot once. Projects
 * whose inputs carry equal calendars (parsed separately, as each workflow's arguments are) end
 * up holding one object, and nothing any of them computes or hands over changes.
 */
import { buildOfficialSnapshot } from '../../../definitions/calendar/official';
import { sharedSnapshot } from '../../../definitions/calendar/working-calendar';
import { ProjectEngine } from '../../../workflows/engine/project-engine';
import { projectView } from '../../../workflows/engine/view';
import { actors, at, ENTERPRISE, run } from './engine-fixture';
import { smallSpec } from '../../fixtures/small-spec';

const input = (projectId: string) => ({
  projectId,
  title: '测试项目',
  enterpriseId: ENTERPRISE,
  attributes: {},
  spec: smallSpec,
  // A fresh parse each time, as a workflow's arguments are.
  calendar: structuredClone(buildOfficialSnapshot()),
  registeredAt: at('2026-03-02'),
  registeredBy: actors.coordinator,
});

describe('calendar snapshots shared between projects', () => {
  it('two projects on equal calendars hold one snapshot object, in their state and their input', () => {
    const a = ProjectEngine.create(input('p-a'), at('2026-03-02'));
    const b = ProjectEngine.create(input('p-b'), at('2026-03-02'));
    expect(b.raw.calendar).toBe(a.raw.calendar);
    expect(b.raw.input.calendar).toBe(a.raw.input.calendar);
    expect(a.raw.calendar).toBe(sharedSnapshot(structuredClone(a.raw.calendar)));
  });

  it("leaves the caller's input object as it was", () => {
    const own = input('p-own');
    const calendar = own.calendar;
    ProjectEngine.create(input('p-first'), at('2026-03-02'));
    const engine = ProjectEngine.create(own, at('2026-03-02'));
    expect(own.calendar).toBe(calendar);
    expect(engine.raw.input.calendar).toEqual(calendar);
  });

  it('a restored project (continue-as-new) computes the same deadlines as the one it continues', () => {
    const first = ProjectEngine.create(input('p-can'), at('2026-03-02'));
    run(
      first,
      actors.enterprise,
      {
        type: 'submitApplication',
        stageId: 'preparation',
        form: { projectName: 'x' },
        materials: ['site-plan', 'bank-letter', 'eia-report', 'public-notice-proof'],
      },
      at('2026-03-02'),
    );
    const continued = ProjectEngine.restore(JSON.parse(JSON.stringify(first.snapshot())));
    expect(continued.raw.calendar).toBe(first.raw.calendar);
    expect(projectView(continued, at('2026-03-05'))).toEqual(projectView(first, at('2026-03-05')));
  });

  it('a different calendar is not confused with it', () => {
    const official = buildOfficialSnapshot();
    const other = {
      ...official,
      days: { ...official.days, '2026-03-03': { workday: false, reason: 'override' as const, name: '停电' } },
      fingerprint: 'f'.repeat(64),
    };
    expect(sharedSnapshot(other)).toBe(other);
    expect(sharedSnapshot(structuredClone(official))).not.toBe(other);
  });
});
