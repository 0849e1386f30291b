/**
 * The authorisation matrix: every route × every kind of caller, on a project of the caller's
 * own and on someone else's, against the real dev server and worker. One table gives the
 * expected status of each cell; the test checks every cell, checks that each refused request
 * changed nothing (the project's history, or no project registered), and that
 * docs/authorisation-matrix.md is that same table (UPDATE_AUTH_MATRIX=1 rewrites it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { definitionRef, getDefinition } from '../../definitions/process';
import { resolveProjectSpec } from '../../workflows/model/resolve-spec';
import { COMMAND_ROLE, type TCommand, type TCommandType } from '../../workflows/model/commands';
import { energyReviewPromise } from '../../definitions/process/builtin/wuhan-industrial-v2';
import { eventually } from '../helpers/eventually';
import { call, PASSWORD, testCreditCode } from '../helpers/service';
import { startServiceStack, type ServiceStack } from '../helpers/service-stack';
import { withCheckCharacter } from '../../service/projects/project-code';

const suffix = randomUUID().slice(0, 6);
const ENT_A = `ent-a-${suffix}`;
const ENT_B = `ent-b-${suffix}`;
const DEPT_A = 'ecology-environment'; // reviews in P1 (eiaCategory form), not in P2; signs off in three steps in P3
const DEPT_B = 'civil-air-defence'; // reviews in P2 (floorArea ≥ 10000), not in P1
const AGENT = `agent-${suffix}`;
/** P3's other reviewing department: it sees P3, the chained item is not its own. */
const DEPT_C = 'natural-resources-planning';
/** The chained item in P3 (Zhanjiang v2: the ecology department signs 承办 → 审核 → 批准). */
const CHAINED = 'eia-form-approval';
/** The sign-off people beside the matrix's callers: department A's other handler, its reviewer and approver, department C's approver. */
const SIGNERS = {
  handlerA: `handler-${DEPT_A}`,
  reviewerA: `reviewer-${DEPT_A}`,
  approverA: `approver-${DEPT_A}`,
  approverC: `approver-${DEPT_C}`,
} as const;

/** Callers, in the table's column order. */
const CALLERS = ['coordinator', 'deptA', 'deptB', 'entA', 'entB', 'noToken', 'expired', 'tampered'] as const;
type Caller = (typeof CALLERS)[number];
const CALLER_TITLE: Record<Caller, string> = {
  coordinator: 'coordinator',
  deptA: `department A (${DEPT_A}: reviews in P1 and P3; its 承办人)`,
  deptB: `department B (${DEPT_B}: reviews in P2; its 批准人)`,
  entA: 'enterprise A (owns P1)',
  entB: 'enterprise B (owns P2)',
  noToken: 'no token',
  expired: 'expired token',
  tampered: 'tampered token',
};
const USERNAME: Partial<Record<Caller, string>> = { coordinator: 'coordinator', deptA: `dept-${DEPT_A}`, deptB: `dept-${DEPT_B}`, entA: ENT_A, entB: ENT_B };

/** What a refused request must leave unchanged: a project's history, the calendar in force, or the enterprise directory. */
type Target = 'P1' | 'P2' | 'P3' | 'unknown' | 'calendar' | 'directory' | undefined;
interface Row {
  route: string;
  /** What is sent, as the table shows it. */
  what: string;
  target?: Target;
  request: (caller: Caller, ids: Record<'P1' | 'P2' | 'P3' | 'unknown', string>) => { method: string; path: string; body?: unknown };
  /** Expected cell per caller: the status, with `describe`'s words when the row has them. */
  expect: [string, string, string, string, string, string?, string?, string?];
  /** Extra words for a cell (which projects a list shows). */
  describe?: (body: any, ids: Record<'P1' | 'P2', string>) => string;
  /** A registration: a refused one must leave no project behind. */
  registers?: boolean;
  /** Called with the body of each 201 (an uploaded file's id for the rows after). */
  created?: (body: any) => void;
}

/** A complete preparation application per project (filled in once the projects are registered). */
const SUBMIT: Record<'P1' | 'P2', Record<string, unknown>> = { P1: {}, P2: {} };
const P1_ATTRIBUTES = { floorArea: 5000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const P2_ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'registration', annualEnergyTce: 2000 };
const event = (target: 'P1' | 'P2', body: unknown) => (_: Caller, ids: Record<string, string>) => ({
  method: 'POST',
  path: `/api/projects/${ids[target]}/events`,
  body,
});
const get = (path: string) => () => ({ method: 'GET', path });
/** A made-up 2027 notice (test data, not the real one) and a local closure. */
const NOTICE_2027 = {
  year: 2027,
  source: '测试用通知',
  holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-12' }],
  makeupWorkdays: [{ date: '2027-02-20', name: '春节调休上班' }],
};
const CLOSURE = { date: '2026-12-15', workday: false, name: '台风停工', authority: '武汉市人民政府' };
const refresh = (target: 'P1' | 'P2') => (_: Caller, ids: Record<string, string>) => ({
  method: 'POST',
  path: `/api/projects/${ids[target]}/calendar/refresh`,
});
/** Files uploaded by the materials rows, by project. */
const FILES: Record<'P1' | 'P2', string> = { P1: '', P2: '' };
/** The first legal document listed per project, for the download row. */
const DOCUMENTS: Record<'P1' | 'P2', string> = { P1: '', P2: '' };
/** A one-page PDF for one of the preparation stage's materials. */
const pdfUpload = (materialId: string) => {
  const form = new FormData();
  form.set('stageId', 'preparation');
  form.set('materialId', materialId);
  form.set('file', new File([Buffer.from('%PDF-1.7\n%%EOF\n')], `${materialId}.pdf`, { type: 'application/pdf' }));
  return form;
};
const upload = (target: 'P1' | 'P2', materialId: string) => (_: Caller, ids: Record<string, string>) => ({
  method: 'POST',
  path: `/api/projects/${ids[target]}/materials`,
  body: pdfUpload(materialId),
});
const fileCount = (body: { files: unknown[] }) => `${body.files.length} file${body.files.length === 1 ? '' : 's'}`;
/** The legal documents listed, by title (the first one's id kept for the download row). */
const documentTitles = (target: 'P1' | 'P2') => (body: { documents: { id: string; title: string }[] }) => {
  DOCUMENTS[target] ||= body.documents[0]?.id ?? '';
  return body.documents.map((d) => d.title).join('、') || 'none';
};
const registration = (enterprise: 'A' | 'B') => (caller: Caller) => ({
  method: 'POST',
  path: '/api/projects',
  // An enterprise may not choose a project id (the service assigns it); the others' refusals are checked to leave no project under theirs.
  body: {
    ...(caller === 'entA' || caller === 'entB' ? {} : { projectId: `auth-${suffix}-${enterprise}-${caller}` }),
    title: `矩阵 ${caller}`,
    definitionId: 'wuhan-industrial',
    enterpriseId: enterprise === 'A' ? ENT_A : ENT_B,
    attributes: P1_ATTRIBUTES,
  },
});
/** A new directory entry, its credit code of its own per caller (an enterprise's is its account's, listed already: 409). */
const newEnterprise = (caller: Caller) => ({
  method: 'POST',
  path: '/api/enterprises',
  body: {
    name: `矩阵企业 ${caller}`,
    creditCode: testCreditCode(`matrix-${suffix}-${caller}`),
    address: '武汉市',
    contacts: [{ name: '测试', phone: '027-8888 6666' }],
  },
});
const listed = (body: { projects: { id: string }[] }, ids: Record<'P1' | 'P2', string>) => {
  const seen = (['P1', 'P2'] as const).filter((p) => body.projects.some((x) => x.id === ids[p]));
  return seen.length > 0 ? seen.join('+') : 'neither';
};

/**
 * The decisions (`POST /api/projects/{id}/events`), keyed by command type: a command added to
 * COMMAND_ROLE does not compile until it is sent here, and each row's cells follow from the
 * role COMMAND_ROLE gives it. Only the cell of the caller whose decision it is is written by
 * hand (`allowed`): 200, or 409 when P1's state at that row does not allow it. Sent in this
 * order (P1 is submitted, accepted, extended, corrected, paused and approved by department A).
 */
interface EventCase<C extends TCommand = TCommand> {
  target: 'P1' | 'P2';
  command: C;
  /** What the table says about it, after the command's type. */
  note: string;
  allowed: '200' | '400' | '403' | '409';
  /** For a department's decision: whose item it is. */
  itemOf?: 'A' | 'B' | 'another';
}
const item = 'eia-form-approval'; // department A's item in P1
/** The energy review's promised conditions (wuhan-industrial v2), as the enterprise signs them. */
const ENERGY_PROMISE = energyReviewPromise.promise.conditions.map((c) => c.zh);
/** P1's 项目代码, set after registration: one of its own per run (the random part from the suffix). */
const MATRIX_CODE = withCheckCharacter(`2611-420100-04-01-${String(parseInt(suffix, 16) % 100000).padStart(5, '0')}`);
/** Wuhan as P1 runs it: a well-formed spec for the migrateDefinition row. */
const MIGRATION_SPEC = resolveProjectSpec(getDefinition('wuhan-industrial')!, definitionRef(getDefinition('wuhan-industrial')!), P1_ATTRIBUTES);
const EVENT_CASES: { [K in TCommandType]: EventCase<Extract<TCommand, { type: K }>>[] } = {
  submitApplication: [
    { target: 'P1', command: { type: 'submitApplication', stageId: 'preparation', form: {}, materials: [] }, note: '(preparation)', allowed: '200' },
    { target: 'P2', command: { type: 'submitApplication', stageId: 'preparation', form: {}, materials: [] }, note: '(preparation)', allowed: '200' },
  ],
  decideIntake: [{ target: 'P1', command: { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, note: 'accept (preparation)', allowed: '200' }],
  grantExtension: [
    {
      target: 'P1',
      command: { type: 'grantExtension', itemId: item, days: 5, reason: '需现场核查' },
      note: `${item}, 5 days (a coordinator alone no longer extends, art. 42: 409)`,
      allowed: '409',
    },
  ],
  refuseIntake: [
    {
      target: 'P1',
      command: { type: 'refuseIntake', stageId: 'preparation', reasonCode: 'other', reason: '不予受理' },
      note: '(preparation already accepted: 409)',
      allowed: '409',
    },
  ],
  selectIntermediary: [
    {
      target: 'P1',
      command: { type: 'selectIntermediary', serviceId: 'fire-design-service', providerId: '1', deliveryOn: '2027-01-04' },
      note: '(the Wuhan definition has no intermediary service: 409)',
      allowed: '409',
    },
  ],
  setProjectCode: [{ target: 'P1', command: { type: 'setProjectCode', projectCode: MATRIX_CODE }, note: '(registered without one)', allowed: '200' }],
  requestExtension: [
    { target: 'P1', command: { type: 'requestExtension', itemId: item, days: 5, reason: '需现场核查' }, note: `${item}, 5 days`, allowed: '200', itemOf: 'A' },
  ],
  decideExtension: [
    {
      target: 'P1',
      command: { type: 'decideExtension', itemId: item, decision: 'approve' },
      note: `${item} (department A's user is not its head: 403)`,
      allowed: '403',
      itemOf: 'A',
    },
  ],
  requestJointExtension: [
    {
      target: 'P1',
      command: { type: 'requestJointExtension', itemId: item, days: 5, reason: '联合办理' },
      note: `${item} (department A's request is still open: 409)`,
      allowed: '409',
    },
  ],
  decideJointExtension: [
    {
      target: 'P1',
      command: { type: 'decideJointExtension', itemId: item, decision: 'approve' },
      note: `${item} (the coordinator is not the government head: 403)`,
      allowed: '403',
    },
  ],
  deliverResult: [{ target: 'P1', command: { type: 'deliverResult', itemId: item, way: 'mailed' }, note: `${item} (not decided yet: 409)`, allowed: '409' }],
  issueSupervisionOrder: [
    {
      target: 'P1',
      command: { type: 'issueSupervisionOrder', itemId: item, days: 3, reason: '督办' },
      note: `${item}, 3 days (Wuhan has no card ladder: in history, no card from it)`,
      allowed: '200',
    },
  ],
  giveViolationCard: [
    {
      target: 'P1',
      command: { type: 'giveViolationCard', itemId: item, level: 'yellow', violation: 'refusal-without-reasons', reason: '未说明理由' },
      note: `${item}, yellow (Wuhan has no card ladder: 409)`,
      allowed: '409',
    },
  ],
  requestCorrection: [
    {
      target: 'P1',
      command: { type: 'requestCorrection', itemId: item, materials: ['eia-form'], reason: '环评表数据不全' },
      note: `${item}: eia-form`,
      allowed: '200',
      itemOf: 'A',
    },
  ],
  answerCorrection: [{ target: 'P1', command: { type: 'answerCorrection', itemId: item, note: '已补正' }, note: item, allowed: '200' }],
  startSpecialProcedure: [
    {
      target: 'P1',
      command: { type: 'startSpecialProcedure', itemId: item, kind: 'expert-review', days: 3, reason: '专家评审' },
      note: `${item}: expert review, 3 days`,
      allowed: '200',
      itemOf: 'A',
    },
  ],
  endSpecialProcedure: [{ target: 'P1', command: { type: 'endSpecialProcedure', itemId: item }, note: item, allowed: '200', itemOf: 'A' }],
  // Sign-off chain and assignment (issue 15): P1's item has no chain, so the chain's commands are refused by its state.
  draftDecision: [
    {
      target: 'P1',
      command: { type: 'draftDecision', itemId: item, decision: { kind: 'approve' } },
      note: `${item} (no sign-off chain: 409)`,
      allowed: '409',
      itemOf: 'A',
    },
  ],
  signDecision: [{ target: 'P1', command: { type: 'signDecision', itemId: item }, note: `${item} (no sign-off chain: 409)`, allowed: '409', itemOf: 'A' }],
  sendBackDecision: [
    {
      target: 'P1',
      command: { type: 'sendBackDecision', itemId: item, reason: '退回' },
      note: `${item} (no sign-off chain: 409)`,
      allowed: '409',
      itemOf: 'A',
    },
  ],
  claimTask: [{ target: 'P1', command: { type: 'claimTask', itemId: item }, note: item, allowed: '200', itemOf: 'A' }],
  assignTask: [
    {
      target: 'P1',
      command: { type: 'assignTask', itemId: item, userId: `dept-${DEPT_A}` },
      note: `${item} (department A's user is not its head: 403)`,
      allowed: '403',
      itemOf: 'A',
    },
  ],
  releaseTask: [{ target: 'P1', command: { type: 'releaseTask', itemId: item, reason: '休假' }, note: `${item} (by its holder)`, allowed: '200', itemOf: 'A' }],
  transferTask: [
    {
      target: 'P1',
      command: { type: 'transferTask', itemId: item, userId: `dept-${DEPT_A}`, reason: '出差' },
      note: `${item} (back in the pool: 409)`,
      allowed: '409',
      itemOf: 'A',
    },
  ],
  approveReview: [
    { target: 'P1', command: { type: 'approveReview', itemId: item }, note: `${item} (${DEPT_A}'s item)`, allowed: '200', itemOf: 'A' },
    {
      target: 'P1',
      command: { type: 'approveReview', itemId: 'land-pre-review' },
      note: "land-pre-review (another department's item)",
      allowed: '200',
      itemOf: 'another',
    },
  ],
  rejectReview: [
    {
      target: 'P1',
      command: { type: 'rejectReview', itemId: item, reason: '不符合要求' },
      note: `${item} (already approved: 409)`,
      allowed: '409',
      itemOf: 'A',
    },
  ],
  supplyMaterial: [
    { target: 'P1', command: { type: 'supplyMaterial', itemId: item, materialId: 'eia-form' }, note: `${item}: eia-form (nothing owed: 409)`, allowed: '409' },
  ],
  acceptSuppliedMaterial: [
    {
      target: 'P1',
      command: { type: 'acceptSuppliedMaterial', itemId: item, materialId: 'eia-form' },
      note: `${item}: eia-form (nothing supplied: 409)`,
      allowed: '409',
      itemOf: 'A',
    },
  ],
  rejectSuppliedMaterial: [
    {
      target: 'P1',
      command: { type: 'rejectSuppliedMaterial', itemId: item, materialId: 'eia-form', reason: '材料不符' },
      note: `${item}: eia-form (nothing supplied: 409)`,
      allowed: '409',
      itemOf: 'A',
    },
  ],
  issueResults: [{ target: 'P1', command: { type: 'issueResults', stageId: 'preparation' }, note: 'preparation (reviews still open: 409)', allowed: '409' }],
  rate: [
    { target: 'P1', command: { type: 'rate', stageId: 'preparation', score: 5 }, note: 'preparation, score 5 (the stage has not ended: 409)', allowed: '409' },
  ],
  withdraw: [{ target: 'P1', command: { type: 'withdraw', reason: '项目调整' }, note: '', allowed: '200' }],
  // A migration's spec is resolved by the service from a published version (POST /api/projects/{id}/migration), never sent.
  migrateDefinition: [
    { target: 'P1', command: { type: 'migrateDefinition', spec: MIGRATION_SPEC }, note: '(only through its own route: 400)', allowed: '400' },
  ],
  // 告知承诺 on the energy review (development-reform's item in P1, dispatched only once the filing is approved).
  signPromise: [
    {
      target: 'P1',
      command: { type: 'signPromise', itemId: 'energy-review', conditions: ENERGY_PROMISE },
      note: 'energy-review (its review has not started: 409)',
      allowed: '409',
    },
  ],
  approveOnPromise: [
    {
      target: 'P1',
      command: { type: 'approveOnPromise', itemId: 'energy-review' },
      note: "energy-review (another department's item)",
      allowed: '409',
      itemOf: 'another',
    },
  ],
  verifyPromise: [
    {
      target: 'P1',
      command: { type: 'verifyPromise', itemId: 'energy-review' },
      note: "energy-review (another department's item)",
      allowed: '409',
      itemOf: 'another',
    },
  ],
  findPromiseFalse: [
    {
      target: 'P1',
      command: { type: 'findPromiseFalse', itemId: 'energy-review', reason: '能耗超标' },
      note: "energy-review (another department's item)",
      allowed: '409',
      itemOf: 'another',
    },
  ],
  // 联合验收: P1 runs the default Wuhan (v4), whose acceptance stage is one joint acceptance, but P1 is still in
  // preparation: the joint acceptance is not open yet (409 for the role that holds it).
  proposeSiteVisit: [
    {
      target: 'P1',
      command: { type: 'proposeSiteVisit', stageId: 'acceptance', date: '2026-12-01' },
      note: '(joint acceptance not open yet: 409)',
      allowed: '409',
    },
  ],
  confirmSiteVisit: [
    { target: 'P1', command: { type: 'confirmSiteVisit', itemId: item }, note: `${item} (joint acceptance not open yet: 409)`, allowed: '409', itemOf: 'A' },
  ],
  counterSiteVisit: [
    {
      target: 'P1',
      command: { type: 'counterSiteVisit', itemId: item, date: '2026-12-02', reason: '另有安排' },
      note: `${item} (joint acceptance not open yet: 409)`,
      allowed: '409',
      itemOf: 'A',
    },
  ],
  recordInspection: [
    {
      target: 'P1',
      command: { type: 'recordInspection', itemId: item, outcome: 'pass', findings: '合格' },
      note: `${item} (joint acceptance not open yet: 409)`,
      allowed: '409',
      itemOf: 'A',
    },
  ],
  reportRectification: [
    { target: 'P1', command: { type: 'reportRectification', stageId: 'acceptance' }, note: '(joint acceptance not open yet: 409)', allowed: '409' },
  ],
};

/** A caller's cell for a decision, from COMMAND_ROLE and whose project (and item) it is. */
function eventCells(c: EventCase): Row['expect'] {
  const role = COMMAND_ROLE[c.command.type];
  const owner = c.target === 'P1' ? 'A' : 'B';
  // Callers who cannot see the project get 404 whatever they send; the others 403 unless it is their decision.
  const cell = (sees: boolean, mine: boolean) => (!sees ? '404' : mine ? c.allowed : '403');
  const department = (dept: 'A' | 'B') => cell(owner === dept, role === 'department' && (c.itemOf ?? owner) === dept);
  return [
    cell(true, role === 'coordinator'),
    department('A'),
    department('B'),
    cell(owner === 'A', role === 'enterprise'),
    cell(owner === 'B', role === 'enterprise'),
  ];
}

const eventRows = (cases: EventCase[]): Row[] =>
  cases.map((c) => ({
    route: 'POST /api/projects/{id}/events',
    what: `${c.target}: ${c.command.type}${c.note ? ` ${c.note}` : ''}`,
    target: c.target,
    // A submission carries its project's complete application, known once the projects are registered.
    request: (caller, ids) => event(c.target, c.command.type === 'submitApplication' ? SUBMIT[c.target] : c.command)(caller, ids),
    expect: eventCells(c),
  }));

/**
 * The built-in sign-off chain (issue 15) on P3, enterprise A's Zhanjiang (v2) project: department A's
 * other handler drafted the EIA decision and its reviewer signed (before the table), so the 批准 step is due.
 * Department A's user is a handler who has not signed (403: not its step); department B's user, an approver, does not see P3 (404).
 */
const chainRow = (command: TCommand, note: string, expect: Row['expect']): Row => ({
  route: 'POST /api/projects/{id}/events',
  what: `P3: ${command.type} ${note}`,
  target: 'P3',
  request: (_, ids) => ({ method: 'POST', path: `/api/projects/${ids.P3}/events`, body: command }),
  expect,
});
const CHAIN_ROWS: Row[] = [
  chainRow({ type: 'signDecision', itemId: CHAINED }, `${CHAINED} (the 批准 step is due; a 承办人 takes it: 403)`, ['403', '403', '404', '403', '404']),
  chainRow({ type: 'sendBackDecision', itemId: CHAINED, reason: '退回' }, `${CHAINED} (the 批准 step is due; a 承办人 takes it: 403)`, [
    '403',
    '403',
    '404',
    '403',
    '404',
  ]),
  chainRow({ type: 'approveReview', itemId: CHAINED }, `${CHAINED} (its decision is signed off by the chain: 409)`, ['403', '409', '404', '403', '404']),
];

// Statuses: coordinator, department A, department B, enterprise A, enterprise B[, no token, expired, tampered (401 unless given)].
// Rows run in this order; within a row the refused cells run first, so the one allowed
// decision (200) moves P1 or P2 on for the rows after it.
const ROWS: Row[] = [
  { route: 'GET /api/health', what: '', request: get('/api/health'), expect: ['200', '200', '200', '200', '200', '200', '200', '200'] },
  { route: 'GET /api/openapi.json', what: '', request: get('/api/openapi.json'), expect: ['200', '200', '200', '200', '200', '200', '200', '200'] },
  {
    route: 'POST /api/auth/login',
    what: "the coordinator's name and password (any Authorization header is ignored)",
    request: () => ({ method: 'POST', path: '/api/auth/login', body: { username: 'coordinator', password: PASSWORD } }),
    expect: ['200', '200', '200', '200', '200', '200', '200', '200'],
  },
  { route: 'GET /api/me', what: '', request: get('/api/me'), expect: ['200', '200', '200', '200', '200'] },
  { route: 'GET /api/definitions', what: '', request: get('/api/definitions'), expect: ['200', '200', '200', '200', '200'] },
  {
    route: 'GET /api/definitions/{id}',
    what: 'wuhan-industrial',
    request: get('/api/definitions/wuhan-industrial'),
    expect: ['200', '200', '200', '200', '200'],
  },
  {
    route: 'POST /api/definitions/{id}/plan',
    what: 'wuhan-industrial, attributes of P1',
    request: () => ({ method: 'POST', path: '/api/definitions/wuhan-industrial/plan', body: { attributes: P1_ATTRIBUTES } }),
    expect: ['200', '200', '200', '200', '200'],
  },
  {
    route: 'GET /api/calendar/due',
    what: 'start=2026-09-30&days=3',
    request: get('/api/calendar/due?start=2026-09-30&days=3'),
    expect: ['200', '200', '200', '200', '200'],
  },
  {
    route: 'GET /api/calendar/workdays',
    what: 'from=2026-09-30&to=2026-10-12',
    request: get('/api/calendar/workdays?from=2026-09-30&to=2026-10-12'),
    expect: ['200', '200', '200', '200', '200'],
  },
  { route: 'GET /api/calendar', what: '', request: get('/api/calendar'), expect: ['200', '200', '200', '200', '200'] },
  {
    route: 'POST /api/calendar/notices',
    what: 'a 2027 notice',
    target: 'calendar',
    request: () => ({ method: 'POST', path: '/api/calendar/notices', body: NOTICE_2027 }),
    expect: ['201', '403', '403', '403', '403'],
  },
  {
    route: 'POST /api/calendar/overrides',
    what: 'a local closure',
    target: 'calendar',
    request: () => ({ method: 'POST', path: '/api/calendar/overrides', body: CLOSURE }),
    expect: ['201', '403', '403', '403', '403'],
  },
  {
    route: 'GET /api/projects',
    what: 'which of P1, P2 are listed',
    request: get('/api/projects?pageSize=100'),
    describe: listed,
    expect: ['200 P1+P2', '200 P1', '200 P2', '200 P1', '200 P2'],
  },
  {
    route: 'GET /api/projects/{id}',
    what: 'P1',
    target: 'P1',
    request: (_, ids) => ({ method: 'GET', path: `/api/projects/${ids.P1}` }),
    expect: ['200', '200', '404', '200', '404'],
  },
  {
    route: 'GET /api/projects/{id}',
    what: 'P2',
    target: 'P2',
    request: (_, ids) => ({ method: 'GET', path: `/api/projects/${ids.P2}` }),
    expect: ['200', '404', '200', '404', '200'],
  },
  {
    route: 'GET /api/projects/{id}',
    what: 'an id that does not exist',
    request: (_, ids) => ({ method: 'GET', path: `/api/projects/${ids.unknown}` }),
    expect: ['404', '404', '404', '404', '404'],
  },
  {
    route: 'GET /api/projects/{id}/history',
    what: 'P1',
    target: 'P1',
    request: (_, ids) => ({ method: 'GET', path: `/api/projects/${ids.P1}/history` }),
    expect: ['200', '200', '404', '200', '404'],
  },
  {
    route: 'GET /api/projects/{id}/history',
    what: 'P2',
    target: 'P2',
    request: (_, ids) => ({ method: 'GET', path: `/api/projects/${ids.P2}/history` }),
    expect: ['200', '404', '200', '404', '200'],
  },
  // Foresight (issue 17): the forecast and who holds it follow the project view's rule; the risk list, back-fill flags and dry run are the coordinator's.
  {
    route: 'GET /api/projects/{id}/forecast',
    what: 'P1',
    target: 'P1',
    request: (_, ids) => ({ method: 'GET', path: `/api/projects/${ids.P1}/forecast` }),
    expect: ['200', '200', '404', '200', '404'],
  },
  {
    route: 'GET /api/projects/{id}/holders',
    what: 'P1',
    target: 'P1',
    request: (_, ids) => ({ method: 'GET', path: `/api/projects/${ids.P1}/holders` }),
    expect: ['200', '200', '404', '200', '404'],
  },
  { route: 'GET /api/supervision/forecasts', what: '', request: get('/api/supervision/forecasts'), expect: ['200', '403', '403', '403', '403'] },
  { route: 'GET /api/supervision/backfill', what: '', request: get('/api/supervision/backfill'), expect: ['200', '403', '403', '403', '403'] },
  {
    route: 'POST /api/definitions/dry-run',
    what: 'the latest Wuhan against the running projects (nothing changes)',
    request: () => ({ method: 'POST', path: '/api/definitions/dry-run', body: { definitionId: 'wuhan-industrial' } }),
    expect: ['200', '403', '403', '403', '403'],
  },
  // One project moved to a newer version (issue 17 item 4): the coordinator's; the built-in Wuhan has none newer than P1's, so the move is 409.
  {
    route: 'GET /api/projects/{id}/migration',
    what: 'P1 (no newer version: target null)',
    target: 'P1',
    request: (_, ids) => ({ method: 'GET', path: `/api/projects/${ids.P1}/migration` }),
    expect: ['200', '403', '404', '403', '404'],
  },
  {
    route: 'POST /api/projects/{id}/migration',
    what: 'P1 (no newer version: 409)',
    target: 'P1',
    request: (_, ids) => ({ method: 'POST', path: `/api/projects/${ids.P1}/migration`, body: { reason: '新版流程' } }),
    expect: ['409', '403', '404', '403', '404'],
  },
  { route: 'GET /api/tasks', what: '', request: get('/api/tasks'), expect: ['200', '200', '200', '200', '200'] },
  // Whom a department's task may be assigned or transferred to (issue 15): its own active users.
  {
    route: 'GET /api/colleagues',
    what: "the caller's department's users",
    request: get('/api/colleagues'),
    describe: (body: { colleagues: { username: string }[] }) => body.colleagues.map((u) => u.username).join('、'),
    expect: ['403', `200 ${SIGNERS.approverA}、dept-${DEPT_A}、${SIGNERS.handlerA}、${SIGNERS.reviewerA}`, `200 dept-${DEPT_B}`, '403', '403'],
  },
  { route: 'GET /api/supervision', what: '', request: get('/api/supervision'), expect: ['200', '403', '403', '403', '403'] },
  { route: 'GET /api/supervision', what: 'format=csv', request: get('/api/supervision?format=csv'), expect: ['200', '403', '403', '403', '403'] },
  { route: 'GET /api/supervision/undelivered', what: '', request: get('/api/supervision/undelivered'), expect: ['200', '403', '403', '403', '403'] },
  // 告知承诺 credit records: about enterprises, so coordinators (all) and enterprises (their own) read them, departments do not.
  { route: 'GET /api/credit-records', what: '', request: get('/api/credit-records'), expect: ['200', '403', '403', '200', '200'] },
  {
    route: 'POST /api/credit-records/{id}/clear',
    what: 'a record that does not exist (coordinators only)',
    request: () => ({ method: 'POST', path: '/api/credit-records/999999/clear', body: { reason: '已整改' } }),
    expect: ['404', '403', '403', '403', '403'],
  },
  // 中介超市 and 区域评估 (issue 16): everyone signed in reads the directory and the parks; coordinators keep them.
  { route: 'GET /api/providers', what: '', request: get('/api/providers'), expect: ['200', '200', '200', '200', '200'] },
  {
    route: 'POST /api/providers',
    what: 'a new provider (coordinators only)',
    request: () => ({
      method: 'POST',
      path: '/api/providers',
      body: { name: `矩阵设计院 ${suffix}`, qualifications: ['工程设计甲级'], serviceTypes: ['fire-design'] },
    }),
    expect: ['201', '403', '403', '403', '403'],
  },
  {
    route: 'DELETE /api/providers/{id}',
    what: 'a provider that does not exist (coordinators only)',
    request: () => ({ method: 'DELETE', path: '/api/providers/999999999' }),
    expect: ['404', '403', '403', '403', '403'],
  },
  { route: 'GET /api/parks', what: '', request: get('/api/parks'), expect: ['200', '200', '200', '200', '200'] },
  {
    route: 'POST /api/parks',
    what: 'a new park (coordinators only)',
    request: () => ({ method: 'POST', path: '/api/parks', body: { id: `matrix-${suffix}`, name: '矩阵园区' } }),
    expect: ['201', '403', '403', '403', '403'],
  },
  {
    route: 'POST /api/parks/{parkId}/assessments',
    what: 'a park that does not exist (coordinators only)',
    request: () => ({
      method: 'POST',
      path: '/api/parks/no-such-park/assessments',
      body: { type: 'environment', scope: '全园区', validFrom: '2026-01-01', validUntil: '2028-12-31' },
    }),
    expect: ['404', '403', '403', '403', '403'],
  },
  {
    route: 'GET /api/enterprises',
    what: 'the directory',
    request: get('/api/enterprises'),
    expect: ['200', '403', '403', '403', '403'],
  },
  { route: 'GET /api/enterprises/{id}', what: 'enterprise A', request: get(`/api/enterprises/${ENT_A}`), expect: ['200', '403', '403', '200', '404'] },
  { route: 'GET /api/enterprises/{id}', what: 'enterprise B', request: get(`/api/enterprises/${ENT_B}`), expect: ['200', '403', '403', '404', '200'] },
  {
    route: 'POST /api/enterprises',
    what: "a new entry (an enterprise's own is listed already: 409)",
    target: 'directory',
    request: newEnterprise,
    expect: ['201', '403', '403', '409', '409'],
  },
  {
    route: 'PATCH /api/enterprises/{id}',
    what: "enterprise A's address",
    target: 'directory',
    request: () => ({ method: 'PATCH', path: `/api/enterprises/${ENT_A}`, body: { address: '武汉市汉阳区' } }),
    expect: ['200', '403', '403', '403', '403'],
  },
  {
    route: 'POST /api/enterprises/{id}/confirm',
    what: 'enterprise A (confirmed already: 409)',
    target: 'directory',
    request: () => ({ method: 'POST', path: `/api/enterprises/${ENT_A}/confirm` }),
    expect: ['409', '403', '403', '403', '403'],
  },
  { route: 'POST /api/projects', what: 'for enterprise A', registers: true, request: registration('A'), expect: ['201', '403', '403', '201', '403'] },
  { route: 'POST /api/projects', what: 'for enterprise B', registers: true, request: registration('B'), expect: ['201', '403', '403', '403', '201'] },
  ...eventRows(
    Object.values(EVENT_CASES)
      .flat()
      .filter((c) => c.command.type !== 'withdraw'),
  ),
  ...CHAIN_ROWS,
  {
    route: 'POST /api/projects/{id}/rating',
    what: 'P1: preparation, score 5 (the stage has not ended: 409)',
    target: 'P1',
    request: (_, ids) => ({ method: 'POST', path: `/api/projects/${ids.P1}/rating`, body: { stageId: 'preparation', score: 5 } }),
    expect: ['403', '403', '404', '409', '404'],
  },
  { route: 'POST /api/projects/{id}/calendar/refresh', what: 'P1', target: 'P1', request: refresh('P1'), expect: ['200', '403', '404', '403', '404'] },
  {
    route: 'POST /api/projects/{id}/materials',
    what: `P1: a PDF for eia-form (${DEPT_A}'s item)`,
    target: 'P1',
    request: upload('P1', 'eia-form'),
    created: (body) => (FILES.P1 = body.id),
    expect: ['403', '403', '404', '201', '404'],
  },
  {
    route: 'POST /api/projects/{id}/materials',
    what: "P2: a PDF for land-pre-review-application (natural resources' item)",
    target: 'P2',
    request: upload('P2', 'land-pre-review-application'),
    created: (body) => (FILES.P2 = body.id),
    expect: ['403', '404', '403', '404', '201'],
  },
  {
    route: 'GET /api/projects/{id}/materials',
    what: 'P1: how many files are listed',
    target: 'P1',
    request: (_, ids) => ({ method: 'GET', path: `/api/projects/${ids.P1}/materials` }),
    describe: fileCount,
    expect: ['200 1 file', '200 1 file', '404', '200 1 file', '404'],
  },
  {
    route: 'GET /api/projects/{id}/materials',
    what: 'P2: how many files are listed',
    target: 'P2',
    request: (_, ids) => ({ method: 'GET', path: `/api/projects/${ids.P2}/materials` }),
    describe: fileCount,
    expect: ['200 1 file', '404', '200 0 files', '404', '200 1 file'],
  },
  {
    route: 'GET /api/projects/{id}/materials/{fileId}',
    what: 'P1: its file',
    target: 'P1',
    request: (_, ids) => ({ method: 'GET', path: `/api/projects/${ids.P1}/materials/${FILES.P1}` }),
    expect: ['200', '200', '404', '200', '404'],
  },
  {
    route: 'GET /api/projects/{id}/materials/{fileId}',
    what: "P2: its file (not department B's item)",
    target: 'P2',
    request: (_, ids) => ({ method: 'GET', path: `/api/projects/${ids.P2}/materials/${FILES.P2}` }),
    expect: ['200', '404', '404', '404', '200'],
  },
  {
    route: 'GET /api/projects/{id}/documents',
    what: "P1: the legal documents listed (the stage's, and those of department A's item)",
    target: 'P1',
    request: (_, ids) => ({ method: 'GET', path: `/api/projects/${ids.P1}/documents` }),
    describe: documentTitles('P1'),
    expect: [
      '200 受理通知书、一次性补正告知书、特别程序告知书、准予行政许可决定书',
      '200 受理通知书、一次性补正告知书、特别程序告知书、准予行政许可决定书',
      '404',
      '200 受理通知书、一次性补正告知书、特别程序告知书、准予行政许可决定书',
      '404',
    ],
  },
  {
    route: 'GET /api/projects/{id}/documents',
    what: 'P2: the legal documents listed (none issued yet)',
    target: 'P2',
    request: (_, ids) => ({ method: 'GET', path: `/api/projects/${ids.P2}/documents` }),
    describe: documentTitles('P2'),
    expect: ['200 none', '404', '200 none', '404', '200 none'],
  },
  {
    route: 'GET /api/projects/{id}/documents/{documentId}',
    what: 'P1: its 受理通知书',
    target: 'P1',
    request: (_, ids) => ({ method: 'GET', path: `/api/projects/${ids.P1}/documents/${DOCUMENTS.P1}` }),
    expect: ['200', '200', '404', '200', '404'],
  },
  { route: 'POST /api/projects/{id}/calendar/refresh', what: 'P2', target: 'P2', request: refresh('P2'), expect: ['200', '404', '403', '404', '403'] },
  // Agents (代办) and follow-up cases (issue 15); an agent's own cells are in the test after the matrix.
  { route: 'GET /api/delegations', what: 'every delegation', request: get('/api/delegations'), expect: ['200', '403', '403', '403', '403'] },
  {
    route: 'GET /api/delegations/agents',
    what: 'who may be delegated to (agents, then coordinators)',
    request: get('/api/delegations/agents'),
    describe: (body: { delegates: { role: string }[] }) => `${body.delegates.filter((d) => d.role === 'agent').length} agent(s) first`,
    expect: ['200 1 agent(s) first', '403', '403', '403', '403'],
  },
  {
    route: 'POST /api/delegations',
    what: "P1 of enterprise A to the matrix's agent",
    request: (_, ids) => ({
      method: 'POST',
      path: '/api/delegations',
      // Past dates: this delegation covers nothing now (the agent's own test records its own).
      body: { agentUsername: AGENT, enterpriseId: ENT_A, projectIds: [ids.P1], validFrom: '2026-01-01', validTo: '2026-01-01' },
    }),
    expect: ['201', '403', '403', '403', '403'],
  },
  { route: 'GET /api/follow-up-cases', what: 'the cases one may see', request: get('/api/follow-up-cases'), expect: ['200', '200', '200', '200', '200'] },
  {
    route: 'POST /api/follow-up-cases',
    what: 'a complaint about P1',
    target: 'P1',
    request: (_, ids) => ({ method: 'POST', path: '/api/follow-up-cases', body: { projectId: ids.P1, text: '投诉' } }),
    expect: ['403', '403', '403', '201', '404'],
  },
  {
    route: 'GET /api/supervision/follow-up',
    what: 'bad ratings closed in time',
    request: get('/api/supervision/follow-up'),
    expect: ['200', '403', '403', '403', '403'],
  },
  // Withdrawal ends P1: it runs last.
  ...eventRows(EVENT_CASES.withdraw),
];

const cells = (row: Row): Record<Caller, string> => Object.fromEntries(CALLERS.map((c, i) => [c, row.expect[i] ?? '401'])) as Record<Caller, string>;

function markdown(): string {
  const lines = [
    '# Authorisation matrix',
    '',
    'Generated from the table in `tests/integration/service-authorisation.test.ts`, which checks every cell against',
    'the real dev server, worker and service (`UPDATE_AUTH_MATRIX=1 npx jest --selectProjects integration --testPathPatterns service-authorisation`',
    'rewrites this file). P1 is a project of enterprise A (floor area 5,000 m², EIA form: department A reviews in it,',
    'department B does not); P2 one of enterprise B (30,000 m², EIA category registration: department B reviews, A does not).',
    'Rows run top to bottom, so the decisions move P1 and P2 on: P1 is submitted, accepted, extended, corrected, paused for an',
    'expert review, partly approved and finally withdrawn. Every command type has a row (generated from `COMMAND_ROLE`): the',
    "caller whose decision it is gets 200, or 409 where P1's state does not allow it. Every refused cell (4xx) is checked to",
    "have changed nothing: the project's history and files are the same",
    'before and after (for the calendar routes, the calendar in force is; for the directory routes, the enterprise directory is), and a',
    'refused registration leaves no project. Departments have no access to the enterprise directory (they read names through the',
    'project lists); an enterprise reads its own entry, and another answers like one that does not exist.',
    "P3 is enterprise A's project under the built-in Zhanjiang definition (version 2), whose EIA decision passes the sign-off",
    'chain 承办 → 审核 → 批准: before the table, another 承办人 of department A drafted it and its 审核人 signed, so the 批准 step is due.',
    '',
    '403 is a caller who may see the project but not take this decision (refused by the service before the workflow;',
    "the workflow's update validator checks again). 404 is a project the caller may not see, answered exactly like an",
    'id that does not exist. 409 is an allowed caller whose decision the current state does not allow. An expired or',
    "tampered token (enterprise A's token with the subject changed to `coordinator`) is 401 like none at all.",
    '',
    `| route | request | ${CALLERS.map((c) => CALLER_TITLE[c]).join(' | ')} |`,
    `|---|---|${CALLERS.map(() => '---').join('|')}|`,
    ...ROWS.map((r) => `| \`${r.route}\` | ${r.what} | ${CALLERS.map((c) => cells(r)[c]).join(' | ')} |`),
    '',
  ];
  return lines.join('\n');
}

const DOC = join(__dirname, '..', '..', 'docs', 'authorisation-matrix.md');

let stack: ServiceStack;
const ids = { P1: '', P2: '', P3: '', unknown: `no-such-${suffix}` };
const auth: Partial<Record<Caller, string>> = {};

beforeAll(async () => {
  const definition = getDefinition('wuhan-industrial')!;
  const name = (id: string) => definition.departments.find((d) => d.id === id)!.name.zh;
  stack = await startServiceStack([
    { username: 'coordinator', displayName: '帮办中心', role: 'coordinator' },
    { username: `dept-${DEPT_A}`, displayName: name(DEPT_A), role: 'department', departmentId: DEPT_A, signoffRoles: ['handler'] },
    { username: `dept-${DEPT_B}`, displayName: name(DEPT_B), role: 'department', departmentId: DEPT_B, signoffRoles: ['approver'] },
    { username: SIGNERS.handlerA, displayName: `${name(DEPT_A)}承办人乙`, role: 'department', departmentId: DEPT_A, signoffRoles: ['handler'] },
    { username: SIGNERS.reviewerA, displayName: `${name(DEPT_A)}审核人`, role: 'department', departmentId: DEPT_A, signoffRoles: ['reviewer'] },
    { username: SIGNERS.approverA, displayName: `${name(DEPT_A)}批准人`, role: 'department', departmentId: DEPT_A, signoffRoles: ['approver'] },
    { username: SIGNERS.approverC, displayName: `${name(DEPT_C)}批准人`, role: 'department', departmentId: DEPT_C, signoffRoles: ['approver'] },
    { username: ENT_A, displayName: '企业甲', role: 'enterprise', enterpriseId: ENT_A },
    { username: ENT_B, displayName: '企业乙', role: 'enterprise', enterpriseId: ENT_B },
    { username: AGENT, displayName: '代办', role: 'agent' },
  ]);
  for (const caller of CALLERS) if (USERNAME[caller]) auth[caller] = await stack.token(USERNAME[caller]!);
  auth.expired = (await stack.tokens.issue('coordinator', new Date(Date.now() - 2 * 3600_000))).token;
  const [header, payload, signature] = auth.entA!.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'coordinator' };
  auth.tampered = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');

  const coordinator = auth.coordinator!;
  for (const [key, enterpriseId, attributes] of [
    ['P1', ENT_A, P1_ATTRIBUTES],
    ['P2', ENT_B, P2_ATTRIBUTES],
  ] as const) {
    const res = await call(stack.app, 'POST', '/api/projects', {
      token: coordinator,
      body: { title: `矩阵 ${key} ${suffix}`, definitionId: 'wuhan-industrial', enterpriseId, attributes },
    });
    expect(res.status).toBe(201);
    ids[key] = res.body.id;
  }
  // The premises of the table: which department reviews where.
  const view = async (id: string) => (await call(stack.app, 'GET', `/api/projects/${id}`, { token: coordinator })).body;
  const views = { P1: await view(ids.P1), P2: await view(ids.P2) };
  const departments = (key: 'P1' | 'P2') => new Set(views[key].reviews.map((r: { departmentId: string }) => r.departmentId));
  expect([departments('P1').has(DEPT_A), departments('P1').has(DEPT_B), departments('P2').has(DEPT_A), departments('P2').has(DEPT_B)]).toEqual([
    true,
    false,
    false,
    true,
  ]);
  const stage = definition.stages[0]!;
  for (const key of ['P1', 'P2'] as const) {
    const applicable = new Set(views[key].reviews.map((r: { itemId: string }) => r.itemId));
    const materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
    SUBMIT[key] = { type: 'submitApplication', stageId: stage.id, form: Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例'])), materials };
  }
  await startChainProject();
  // Lists come from visibility, which trails the start by a moment.
  await eventually(
    async () => (await call(stack.app, 'GET', '/api/projects?pageSize=100', { token: coordinator })).body,
    (body) => listed(body, ids) === 'P1+P2',
  );
});

afterAll(async () => {
  await stack?.stop();
});

/** A decision on P3 by `username`, its status. */
async function onP3(username: string, command: TCommand): Promise<number> {
  return (await call(stack.app, 'POST', `/api/projects/${ids.P3}/events`, { token: await stack.token(username), body: command })).status;
}

/** P3 (see CHAIN_ROWS): registered, applied for, accepted, its EIA decision drafted by department A's other handler and signed by its reviewer. */
async function startChainProject(): Promise<void> {
  const coordinator = auth.coordinator!;
  const res = await call(stack.app, 'POST', '/api/projects', {
    token: coordinator,
    body: { title: `矩阵 P3 ${suffix}`, definitionId: 'zhanjiang-industrial', enterpriseId: ENT_A, attributes: P1_ATTRIBUTES },
  });
  expect([res.status, res.body.definition?.version]).toEqual([201, 2]);
  ids.P3 = res.body.id;
  const view = (await call(stack.app, 'GET', `/api/projects/${ids.P3}`, { token: coordinator })).body;
  const reviewing = new Set(view.reviews.map((r: { departmentId: string }) => r.departmentId));
  expect([reviewing.has(DEPT_A), reviewing.has(DEPT_B), reviewing.has(DEPT_C)]).toEqual([true, false, true]);
  const stage = getDefinition('zhanjiang-industrial')!.stages[0]!;
  const applicable = new Set(view.reviews.map((r: { itemId: string }) => r.itemId));
  const materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
  const form = Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例']));
  expect(await onP3(ENT_A, { type: 'submitApplication', stageId: stage.id, form, materials })).toBe(200);
  expect(await onP3('coordinator', { type: 'decideIntake', stageId: stage.id, decision: 'accept' })).toBe(200);
  expect(await onP3(SIGNERS.handlerA, { type: 'draftDecision', itemId: CHAINED, decision: { kind: 'approve' } })).toBe(200);
  expect(await onP3(SIGNERS.reviewerA, { type: 'signDecision', itemId: CHAINED })).toBe(200);
}

/** What a refused request might have changed: the target's history and files, the calendar, or a registration. */
async function snapshot(row: Row): Promise<string> {
  if (!row.target || row.target === 'unknown') return '';
  if (row.target === 'calendar') return JSON.stringify((await call(stack.app, 'GET', '/api/calendar', { token: auth.coordinator })).body);
  if (row.target === 'directory') return JSON.stringify((await call(stack.app, 'GET', '/api/enterprises?pageSize=100', { token: auth.coordinator })).body);
  const res = await call(stack.app, 'GET', `/api/projects/${ids[row.target]}/history`, { token: auth.coordinator });
  const files = await call(stack.app, 'GET', `/api/projects/${ids[row.target]}/materials`, { token: auth.coordinator });
  return JSON.stringify([res.body.entries, files.body.files]);
}

test('every route answers every caller as the matrix says, and refusals change nothing', async () => {
  const observed: string[] = [];
  for (const row of ROWS) {
    const expected = cells(row);
    // Refused cells first: the one allowed decision of a row would change the state they are checked against.
    const order = [...CALLERS].sort((a, b) => Number(expected[a] < '400') - Number(expected[b] < '400'));
    const before = await snapshot(row);
    let checkedAfterRefusals = false;
    for (const caller of order) {
      if (!checkedAfterRefusals && expected[caller] < '400') {
        expect([row.route, row.what, await snapshot(row)]).toEqual([row.route, row.what, before]);
        checkedAfterRefusals = true;
      }
      const { method, path, body } = row.request(caller, ids);
      const res = await call(stack.app, method, path, { token: auth[caller], body });
      if (res.status === 201) row.created?.(res.body);
      const cell = `${res.status}${row.describe && res.status === 200 ? ` ${row.describe(res.body, ids)}` : ''}`;
      observed.push(`${row.route} ${row.what} | ${CALLER_TITLE[caller]}: ${cell}${res.status >= 400 ? ` ${res.body?.error?.code}` : ''}`);
      // On a mismatch the answer's text shows too.
      expect([row.route, row.what, caller, cell, cell === expected[caller] ? '' : res.text]).toEqual([row.route, row.what, caller, expected[caller], '']);
      if (res.status >= 400) {
        // One error body: a code, a message and the issues.
        expect(res.body.error).toEqual({ code: expect.any(String), message: expect.any(String), issues: expect.any(Array) });
        if (row.registers) {
          const left = await call(stack.app, 'GET', `/api/projects/${body && (body as { projectId: string }).projectId}`, { token: auth.coordinator });
          expect([caller, left.status]).toEqual([caller, 404]);
        }
      }
    }
    if (!checkedAfterRefusals) expect([row.route, row.what, await snapshot(row)]).toEqual([row.route, row.what, before]);
  }
  console.log(`authorisation matrix, ${observed.length} cells:\n${observed.join('\n')}`);
});

test("an agent acts on its delegated project only (404 elsewhere, like a project that does not exist), its inbox holds that project's tasks, and nothing once revoked", async () => {
  const agent = await stack.token(AGENT);
  const recorded = await call(stack.app, 'POST', '/api/delegations', {
    token: auth.coordinator,
    body: { agentUsername: AGENT, enterpriseId: ENT_A, projectIds: [ids.P1], validFrom: '2026-01-01', validTo: '2099-12-31' },
  });
  expect(recorded.status).toBe(201);
  expect((await call(stack.app, 'GET', `/api/projects/${ids.P1}`, { token: agent })).status).toBe(200);
  for (const tail of ['', '/history']) {
    const hidden = await call(stack.app, 'GET', `/api/projects/${ids.P2}${tail}`, { token: agent });
    const missing = await call(stack.app, 'GET', `/api/projects/${ids.unknown}${tail}`, { token: agent });
    expect([hidden.status, hidden.text.replace(ids.P2, 'ID')]).toEqual([404, missing.text.replace(ids.unknown, 'ID')]);
  }
  expect((await call(stack.app, 'POST', `/api/projects/${ids.P2}/events`, { token: agent, body: SUBMIT.P2 })).status).toBe(404);
  // Its inbox: enterprise A's tasks of P1, the delegated project, and nothing of P2 (enterprise B's).
  const own = (await call(stack.app, 'GET', '/api/tasks', { token: auth.entA })).body.tasks.filter((t: { projectId: string }) => t.projectId === ids.P1);
  const inbox = await call(stack.app, 'GET', '/api/tasks', { token: agent });
  expect([inbox.status, inbox.body.tasks]).toEqual([200, own]);
  expect((await call(stack.app, 'POST', `/api/delegations/${recorded.body.id}/revoke`, { token: auth.coordinator })).status).toBe(200);
  expect((await call(stack.app, 'GET', `/api/projects/${ids.P1}`, { token: agent })).status).toBe(404);
  expect((await call(stack.app, 'POST', `/api/projects/${ids.P1}/events`, { token: agent, body: SUBMIT.P1 })).status).toBe(404);
  expect((await call(stack.app, 'GET', '/api/tasks', { token: agent })).body.tasks).toEqual([]);
});

test("the chain's 批准 step: refused to an approver of another department that reviews in P3 (403), taken by department A's approver", async () => {
  const approvedBefore = async () =>
    (await call(stack.app, 'GET', `/api/projects/${ids.P3}`, { token: auth.coordinator })).body.reviews.find((r: { itemId: string }) => r.itemId === CHAINED);
  expect(await onP3(SIGNERS.approverC, { type: 'signDecision', itemId: CHAINED })).toBe(403);
  expect((await approvedBefore()).status).toBe('inReview');
  expect(await onP3(SIGNERS.approverA, { type: 'signDecision', itemId: CHAINED, note: '同意' })).toBe(200);
  expect((await approvedBefore()).status).toBe('approved');
});

test('a project the caller may not see answers exactly like one that does not exist', async () => {
  for (const [caller, target] of [
    ['entB', 'P1'],
    ['deptB', 'P1'],
    ['entA', 'P2'],
    ['deptA', 'P2'],
  ] as const) {
    for (const tail of ['', '/history', '/materials']) {
      const hidden = await call(stack.app, 'GET', `/api/projects/${ids[target]}${tail}`, { token: auth[caller] });
      const missing = await call(stack.app, 'GET', `/api/projects/${ids.unknown}${tail}`, { token: auth[caller] });
      expect([hidden.status, hidden.text.replace(ids[target], 'ID')]).toEqual([missing.status, missing.text.replace(ids.unknown, 'ID')]);
    }
  }
});

test("a coordinator's refresh re-plans a running project with the calendar just saved: the worker reads the service's data directory", async () => {
  const saved = await call(stack.app, 'POST', '/api/calendar/overrides', {
    token: auth.coordinator,
    body: { date: '2026-12-16', workday: false, name: '停电停工' },
  });
  expect(saved.status).toBe(201);
  const before = (await call(stack.app, 'GET', `/api/projects/${ids.P2}`, { token: auth.coordinator })).body.calendarFingerprint;
  expect(before).not.toBe(saved.body.calendarFingerprint);
  const res = await call(stack.app, 'POST', `/api/projects/${ids.P2}/calendar/refresh`, { token: auth.coordinator });
  expect([res.status, res.body.calendarFingerprint]).toEqual([200, saved.body.calendarFingerprint]);
  expect(res.body.actions).toEqual(expect.any(Array));
});

test('every command type has a row in the matrix', () => {
  const sent = new Set(ROWS.filter((r) => r.route === 'POST /api/projects/{id}/events').map((r) => r.what.split(' ')[1]));
  expect([...sent].sort()).toEqual(Object.keys(COMMAND_ROLE).sort());
});

test('docs/authorisation-matrix.md is the table this test checks', () => {
  const text = markdown();
  if (process.env.UPDATE_AUTH_MATRIX === '1') writeFileSync(DOC, text);
  expect(readFileSync(DOC, 'utf8')).toBe(text);
});
