/**
 * A whole default project through the HTTP API against the production topology (Temporal's
 * own server on PostgreSQL, two workers, two service replicas): requests alternate between
 * the replicas as a round-robin load balancer would; mid-way through the second stage one
 * worker and one replica are SIGKILLed, the latter with a decision in flight, which is
 * retried on the survivor with the same Idempotency-Key. Both are started again (as an
 * orchestrator would); the replica rejoins the rotation once healthy. The walk completes and
 * the audit history holds each decision exactly once.
 */
import { join } from 'node:path';
import { getDefinition } from '../../definitions/process';
import { ProcessGroup } from '../../scripts/cluster/processes';
import { waitForWorkers } from '../../scripts/cluster/temporal-server';
import { waitHealthy } from '../../scripts/cluster/topology';
import { DEFAULT_TASK_QUEUE } from '../../workflows/shared';
import { testCluster } from './topology';

const cluster = testCluster();
// Version 2: its three stages are walked review by review (the default, 4, accepts on one joint site visit).
const definition = getDefinition('wuhan-industrial', 2)!;
const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };

type Json = any;
interface Answer {
  status: number;
  body: Json;
}

const alive = new Set(cluster.baseUrls);
/** The restarted worker and replica: this file's own, stopped at the end (global teardown stops the rest). */
const restarted = new ProcessGroup({ cwd: join(__dirname, '..', '..'), log: () => undefined, graceMs: 5000 });
afterAll(() => restarted.stopAll());
const counts = { requests: new Map<string, number>(), retries: 0, decisions: 0 };
let turn = 0;

/** The next live replica, round robin. */
function nextReplica(): string {
  const live = cluster.baseUrls.filter((u) => alive.has(u));
  if (live.length === 0) throw new Error('no replica left');
  return live[turn++ % live.length]!;
}

async function send(base: string, method: string, path: string, token: string | undefined, body: unknown, key: string | undefined): Promise<Answer> {
  counts.requests.set(base, (counts.requests.get(base) ?? 0) + 1);
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key) headers['Idempotency-Key'] = key;
  const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * One request as a client behind a load balancer makes it: to the next replica; a lost
 * connection or a 503 is retried on the next one (commands keep their Idempotency-Key).
 */
async function request(method: string, path: string, opts: { token?: string; body?: unknown; key?: string; first?: Promise<Answer> } = {}): Promise<Answer> {
  let pending = opts.first;
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      const answer = await (pending ?? send(nextReplica(), method, path, opts.token, opts.body, opts.key));
      if (answer.status !== 503) return answer;
    } catch {
      // the replica went away mid-request: another one takes it
    } finally {
      pending = undefined;
    }
    counts.retries++;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${method} ${path}: no replica answered after 8 attempts`);
}

const tokens = new Map<string, string>();
async function tokenOf(username: string): Promise<string> {
  if (!tokens.has(username)) {
    const res = await request('POST', '/api/auth/login', { body: { username, password: cluster.accounts[username] } });
    if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    tokens.set(username, res.body.token);
  }
  return tokens.get(username)!;
}

const ENT = cluster.enterpriseId;
const sent: { type: string; stageId?: string; itemId?: string }[] = [];

/** A decision with a fresh Idempotency-Key; expects 200 and returns its answer (what it changed). */
async function decide(id: string, username: string, command: Json, opts: { first?: (key: string, token: string) => Promise<Answer> } = {}): Promise<Json> {
  const key = `walk-${sent.length}-${command.type}`;
  const token = await tokenOf(username);
  const rating = command.type === 'rate';
  const path = rating ? `/api/projects/${id}/rating` : `/api/projects/${id}/events`;
  const body = rating ? { stageId: command.stageId, score: command.score } : command;
  const res = await request('POST', path, { token, body, key, first: opts.first?.(key, token) });
  if (res.status !== 200) throw new Error(`${command.type} by ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  sent.push({ type: command.type, stageId: command.stageId, itemId: command.itemId });
  counts.decisions++;
  return res.body;
}

function killed(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

test('a default project walks all three stages through two replicas and two workers, surviving a SIGKILLed worker and replica', async () => {
  const started = Date.now();
  for (const base of cluster.baseUrls)
    expect((await send(base, 'GET', '/api/health', undefined, undefined, undefined)).body).toMatchObject({ status: 'ok', worker: 'ok' });

  const created = await request('POST', '/api/projects', {
    token: await tokenOf('coordinator'),
    body: { title: '集群测试项目', definitionId: 'wuhan-industrial', definitionVersion: 2, enterpriseId: ENT, attributes: ATTRIBUTES },
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  // Registered through one replica, read through the other.
  let project = (await request('GET', `/api/projects/${id}`, { token: await tokenOf('coordinator') })).body;
  expect(project.status).toBe('active');

  const victims = { worker: cluster.workers[0]!, service: cluster.services[1]! };
  let crashed = false;
  let rejoined: Promise<void> | undefined;
  let requestsBeforeRejoin = 0;
  let restartedWorker = 0;
  for (const [index, stage] of definition.stages.entries()) {
    const applicable = new Set(project.reviews.filter((r: Json) => r.stageId === stage.id).map((r: Json) => r.itemId));
    const materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
    const form = Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例']));
    await decide(id, ENT, { type: 'submitApplication', stageId: stage.id, form, materials });
    await decide(id, 'coordinator', { type: 'decideIntake', stageId: stage.id, decision: 'accept' });
    project = (await request('GET', `/api/projects/${id}`, { token: await tokenOf('coordinator') })).body;
    let approvals = 0;
    for (let guard = 0; guard < 50 && project.stages.find((s: Json) => s.stageId === stage.id).status === 'inReview'; guard++) {
      const review = project.reviews.find((r: Json) => r.status === 'inReview' && (r.stageId === stage.id || r.early));
      expect(review).toBeDefined();
      const command = { type: 'approveReview', itemId: review.itemId };
      if (index === 1 && approvals === 1 && !crashed) {
        // Mid-stage: this decision goes to the victim replica, which is killed with it in flight,
        // together with a worker; the client retries on the survivor with the same key.
        crashed = true;
        await decide(id, `dept-${review.departmentId}`, command, {
          first: (key, token) => {
            const inFlight = send(victims.service.baseUrl, 'POST', `/api/projects/${id}/events`, token, command, key);
            setTimeout(() => {
              process.kill(victims.service.pid, 'SIGKILL');
              process.kill(victims.worker.pid, 'SIGKILL');
              alive.delete(victims.service.baseUrl); // the load balancer's health check drops it
              // Started again in the background, as an orchestrator would; the replica rejoins once healthy.
              restartedWorker = restarted.spawn(victims.worker.spec).pid;
              const replica = restarted.spawn(victims.service.spec);
              rejoined = waitHealthy(victims.service.port, 60_000, replica.alive).then(() => {
                requestsBeforeRejoin = counts.requests.get(victims.service.baseUrl) ?? 0;
                alive.add(victims.service.baseUrl);
              });
            }, 5);
            return inFlight;
          },
        });
      } else {
        await decide(id, `dept-${review.departmentId}`, command);
      }
      approvals++;
      project = (await request('GET', `/api/projects/${id}`, { token: await tokenOf('coordinator') })).body;
    }
    await decide(id, 'coordinator', { type: 'issueResults', stageId: stage.id });
    await decide(id, ENT, { type: 'rate', stageId: stage.id, score: 5 });
    project = (await request('GET', `/api/projects/${id}`, { token: await tokenOf('coordinator') })).body;
  }
  expect(crashed).toBe(true);
  expect(killed(victims.service.pid) && killed(victims.worker.pid)).toBe(true);
  await rejoined;
  const servedAfterRejoin = (counts.requests.get(victims.service.baseUrl) ?? 0) - requestsBeforeRejoin;
  expect(project.status).toBe('complete');
  expect(project.stages.map((s: Json) => s.status)).toEqual(['complete', 'complete', 'complete']);

  // Each decision exactly once in the audit history: entries by people (not the system's
  // timers), keyed by what they decided.
  // Read through the restarted replica, which must be serving again; the restarted worker polls again.
  const history: Json[] = (await send(victims.service.baseUrl, 'GET', `/api/projects/${id}/history`, await tokenOf('coordinator'), undefined, undefined)).body
    .entries;
  await waitForWorkers(cluster.temporalAddress, 'default', DEFAULT_TASK_QUEUE, [restartedWorker], 60_000);
  const byPeople = history.filter((h) => h.actor.role !== 'system');
  const keyOf = (h: Json) => `${h.type}|${h.stageId ?? ''}|${h.itemId ?? ''}|${h.actor.userId}`;
  const seen = new Map<string, number>();
  for (const h of byPeople) seen.set(keyOf(h), (seen.get(keyOf(h)) ?? 0) + 1);
  const duplicates = [...seen].filter(([, n]) => n > 1);
  expect(duplicates).toEqual([]);
  // One entry per decision sent, plus the registration.
  expect(byPeople.filter((h) => h.type !== 'registered')).toHaveLength(counts.decisions);
  const submits = byPeople.filter((h) => h.type === 'submitApplication');
  expect(submits).toHaveLength(3);
  const approvalsSent = sent.filter((c) => c.type === 'approveReview');
  for (const c of approvalsSent) expect(byPeople.filter((h) => h.itemId === c.itemId && h.actor.role === 'department')).toHaveLength(1);

  console.log(
    [
      `[cluster] walk complete in ${((Date.now() - started) / 1000).toFixed(1)}s (cluster start ${(cluster.startedInMs / 1000).toFixed(1)}s)`,
      `decisions sent ${counts.decisions} (${approvalsSent.length} approvals), retried requests ${counts.retries}`,
      `requests per replica: ${[...counts.requests].map(([u, n]) => `${u} ${n}`).join(', ')}`,
      `restarted ${victims.service.name} served ${servedAfterRejoin + 1} requests after rejoining; restarted ${victims.worker.name} (pid ${restartedWorker}) polls`,
      `history: ${history.length} entries, ${byPeople.length} by people, no duplicates; killed ${victims.service.name} (pid ${victims.service.pid}) and ${victims.worker.name} (pid ${victims.worker.pid}) in stage ${definition.stages[1]!.id}`,
      `entries by people: ${[...new Set(byPeople.map((h) => h.type))].map((t) => `${t} ${byPeople.filter((h) => h.type === t).length}`).join(', ')}`,
    ].join('\n'),
  );
}, 300_000);
