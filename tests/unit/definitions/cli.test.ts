/**
 * `approvals definitions …` as a coordinator runs it: the real binary (tsx, the real
 * @noble/hashes and the official calendar), its output and exit codes.
 */
import { runApprovals } from '../../helpers/cli';

const fixtures = 'tests/fixtures/definitions';
const approvals = (...args: string[]) => runApprovals('definitions', ...args);

test('list shows the built-ins with their promised critical path against the budget', () => {
  const { code, stdout } = approvals('list');
  expect(code).toBe(0);
  expect(stdout).toMatch(/^wuhan-industrial\s+1\s+武汉市工业投资项目三阶段并联审批\s+3\s+17\s+31\/39\s+f1f43c0e7938\s+built-in$/m);
  expect(stdout).toMatch(/^national-four-stage\s+1\s+.*\s+4\s+11\s+60\/120\s+/m);
});

test('list --dir loads a directory, lists what is valid and reports every bad file (exit 1)', () => {
  const { code, stdout, stderr } = approvals('list', '--dir', `${fixtures}/directory`, '--json');
  expect(code).toBe(1);
  expect((JSON.parse(stdout) as { id: string; version: number }[]).map((d) => `${d.id}@${d.version}`)).toEqual([
    'minimal@1',
    'minimal@2',
    'national-four-stage@1',
    'wuhan-industrial@1',
    'wuhan-industrial@2',
    'wuhan-industrial@3',
    'wuhan-industrial@4',
    'zhanjiang-industrial@1',
    'zhanjiang-industrial@2',
  ]);
  expect(stderr).toContain('definition files have 2 problem(s)');
  expect(stderr).toMatch(/3-minimal-v1-changed\.json: version: definition 'minimal' version 1 is already published with different content/);
  expect(stderr).toMatch(/broken\.yaml: stages\[1\]\.leadDepartment: lead department 'housing'/);
});

test('show prints stages, lead departments and items with their limits and conditions', () => {
  const { code, stdout } = approvals('show', 'wuhan-industrial');
  expect(code).toBe(0);
  expect(stdout).toMatch(/^开工审批 \[construction-approval\] lead 住房和城乡建设局 · budget 10 working days/m);
  expect(stdout).toMatch(/^civil-air-defence-design-review\s+人防工程设计审查\s+人民防空办公室\s+10\/20\s+.*early; if floorArea ≥ 10000$/m);
});

test('validate accepts a good file and lists every problem of a bad one with its path (exit 1)', () => {
  const good = approvals('validate', `${fixtures}/valid-minimal.yaml`);
  expect(good).toMatchObject({
    code: 0,
    stdout: expect.stringMatching(/ok — minimal v1 \([0-9a-f]{12}\), 2 stages, 4 items, critical path 13 of 20 working days/),
  });
  const bad = approvals('validate', `${fixtures}/vague-material.yaml`);
  expect(bad.code).toBe(1);
  expect(bad.stdout.split('\n').slice(0, 4)).toEqual([
    `${fixtures}/vague-material.yaml: 3 problem(s)`,
    expect.stringMatching(/^ {2}stages\[0\]\.items\[0\]\.materials\[1\]\.title: material 'other-materials' "其他材料" is a vague catch-all/),
    expect.stringMatching(/^ {2}stages\[0\]\.items\[1\]\.materials\[1\]\.title: material 'relevant-papers' "有关材料" is a vague catch-all/),
    expect.stringMatching(/^ {2}stages\[1\]\.items\[0\]\.materials\[1\]\.title: /),
  ]);
});

test('plan --json pre-schedules Wuhan v2 on the official calendar within 39 working days', () => {
  // Pinned to version 2, whose acceptance items follow each other (the default, 4, inspects them on one joint visit).
  const { code, stdout } = approvals(
    'plan',
    'wuhan-industrial',
    '--version',
    '2',
    '--start',
    '2026-03-02',
    '--attr',
    'floorArea=12000',
    '--attr',
    'eiaCategory=form',
    '--json',
  );
  expect(code).toBe(0);
  const plan = JSON.parse(stdout) as { governmentWorkdays: number; withinBudget: boolean; end: string; provisional: boolean; definition: { hash: string } };
  expect(plan).toMatchObject({ governmentWorkdays: 31, withinBudget: true, end: '2026-04-15', provisional: false });
  // Version 2: 告知承诺 on the energy review, the same schedule as version 1.
  expect(plan.definition.hash).toMatch(/^7d8ea6857f38/);
});

test('plan prints a readable table; bad arguments exit 2 with one line', () => {
  const table = approvals('plan', 'wuhan-industrial', '--version', '2', '--start', '2026-03-02', '--attr', 'floorArea=5000');
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/government working days on the critical path: 31 \(budget 39, within budget\)/);
  expect(table.stdout).toMatch(/^\*\s+first-registration\s+不动产首次登记 \(房屋所有权\)\s+natural-resources-planning\s+2026-04-08\s+2026-04-15\s/m);
  expect(table.stdout).toContain('civil-air-defence-acceptance (acceptance): condition not met: floorArea ≥ 10000');

  const bad = approvals('plan', 'wuhan-industrial', '--start', '1990-01-01');
  expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: calendar: 1990-01-01 is outside the calendar/) });
  expect(approvals('plan', 'nowhere', '--start', '2026-03-02')).toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/unknown process definition 'nowhere'/),
  });
});
