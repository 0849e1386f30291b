/**
 * The soak's clients: each walker takes one default project through all three stages over
 * the HTTP API, as its enterprise, the coordinator and each department, while processes die
 * under it. A client behaves as a careful real one: every command carries its own
 * Idempotency-Key, and a lost connection, a 5xx or a 202 is retried with the same key on the
 * next live replica until it gets a definite answer. What was accepted (200/201) is logged:
 * that is what the checks hold the histories to.
 */
import { createHash, randomBytes } from 'node:crypto';
import { getDefinition } from '../../definitions/process';

type Json = any;
// Version 2: its stages are walked review by review (the default, 4, accepts on one joint site visit).
const definition = getDefinition('wuhan-industrial', 2)!;
const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };

export interface TAccepted {
  projectId: string;
  type: string;
  stageId?: string;
  itemId?: string;
  userId: string;
}

export interface TUploaded {
  projectId: string;
  fileId: string;
  sha256: string;
}

export interface DriverOptions {
  baseUrls: string[];
  /** Indexes into baseUrls that a load balancer would send to now. */
  live: () => ReadonlySet<number>;
  accounts: Record<string, string>;
  enterpriseId: string;
  /** How long one request may keep being retried before the walk fails. */
  retryBudgetMs?: number;
}

export class SoakDriver {
  readonly accepted: TAccepted[] = [];
  readonly uploaded: TUploaded[] = [];
  readonly counts = { requests: 0, retries: 0, walks: 0 };
  private turn = 0;
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(private readonly o: DriverOptions) {}

  private replica(): string {
    const live = [...this.o.live()];
    const pick = live.length > 0 ? live[this.turn++ % live.length]! : this.turn++ % this.o.baseUrls.length;
    return this.o.baseUrls[pick]!;
  }

  /** One request, retried on anything that is not a definite answer. */
  async request(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; form?: () => FormData; key?: string } = {},
  ): Promise<{ status: number; body: Json; raw: Buffer }> {
    const deadline = Date.now() + (this.o.retryBudgetMs ?? 180_000);
    let last = '';
    for (;;) {
      this.counts.requests += 1;
      try {
        const headers: Record<string, string> = {};
        if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
        if (opts.key) headers['Idempotency-Key'] = opts.key;
        let body: BodyInit | undefined;
        if (opts.form) body = opts.form();
        else if (opts.body !== undefined) {
          headers['Content-Type'] = 'application/json';
          body = JSON.stringify(opts.body);
        }
        const res = await fetch(`${this.replica()}${path}`, { method, headers, body, signal: AbortSignal.timeout(60_000) });
        const raw = Buffer.from(await res.arrayBuffer());
        if (res.status < 500 && res.status !== 202) {
          const text = raw.toString('utf8');
          let parsed: Json = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // a download: the bytes are in `raw`
          }
          return { status: res.status, body: parsed, raw };
        }
        last = `${res.status} ${raw.toString('utf8').slice(0, 200)}`;
      } catch (err) {
        last = err instanceof Error ? err.message : String(err);
      }
      if (Date.now() > deadline) throw new Error(`${method} ${path}: no definite answer within the retry budget (last: ${last})`);
      this.counts.retries += 1;
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 700));
    }
  }

  token(username: string): Promise<string> {
    let t = this.tokens.get(username);
    if (!t) {
      t = (async () => {
        const res = await this.request('POST', '/api/auth/login', { body: { username, password: this.o.accounts[username] } });
        if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body.token as string;
      })();
      t.catch(() => this.tokens.delete(username));
      this.tokens.set(username, t);
    }
    return t;
  }

  private async decide(projectId: string, username: string, command: Json): Promise<Json> {
    const key = `soak-${randomBytes(8).toString('hex')}`;
    const rating = command.type === 'rate';
    const path = rating ? `/api/projects/${projectId}/rating` : `/api/projects/${projectId}/events`;
    const body = rating ? { stageId: command.stageId, score: command.score, comment: command.comment } : command;
    const res = await this.request('POST', path, { token: await this.token(username), body, key });
    if (res.status !== 200) throw new Error(`${command.type} on ${projectId} by ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    this.accepted.push({ projectId, type: command.type, stageId: command.stageId, itemId: command.itemId, userId: username });
    return res.body;
  }

  private async detail(projectId: string): Promise<Json> {
    const res = await this.request('GET', `/api/projects/${projectId}`, { token: await this.token('coordinator') });
    if (res.status !== 200) throw new Error(`GET ${projectId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Registers a project and walks it to the end (every stage applied for, accepted, approved, issued and rated). */
  async walk(projectId: string): Promise<void> {
    const ent = this.o.enterpriseId;
    const created = await this.request('POST', '/api/projects', {
      token: await this.token('coordinator'),
      body: {
        projectId,
        title: `浸泡测试 ${projectId}`,
        definitionId: definition.id,
        definitionVersion: definition.version,
        enterpriseId: ent,
        attributes: ATTRIBUTES,
      },
    });
    // A retry of a registration that went through the first time finds the id taken.
    if (created.status !== 201 && !(created.status === 409 && created.body?.error?.code === 'CONFLICT')) {
      throw new Error(`register ${projectId}: ${created.status} ${JSON.stringify(created.body)}`);
    }
    let project = await this.detail(projectId);
    await this.upload(projectId, project);
    for (const stage of definition.stages) {
      const applicable = new Set(project.reviews.filter((r: Json) => r.stageId === stage.id).map((r: Json) => r.itemId));
      const materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
      const form = Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例']));
      await this.decide(projectId, ent, { type: 'submitApplication', stageId: stage.id, form, materials });
      await this.decide(projectId, 'coordinator', { type: 'decideIntake', stageId: stage.id, decision: 'accept' });
      project = await this.detail(projectId);
      for (let guard = 0; guard < 60 && project.stages.find((s: Json) => s.stageId === stage.id).status === 'inReview'; guard++) {
        const review = project.reviews.find((r: Json) => r.status === 'inReview' && (r.stageId === stage.id || r.early));
        if (!review) throw new Error(`${projectId}: stage ${stage.id} in review with no review running`);
        await this.decide(projectId, `dept-${review.departmentId}`, { type: 'approveReview', itemId: review.itemId });
        project = await this.detail(projectId);
      }
      await this.decide(projectId, 'coordinator', { type: 'issueResults', stageId: stage.id });
      await this.decide(projectId, ent, { type: 'rate', stageId: stage.id, score: 5, comment: '' });
      project = await this.detail(projectId);
    }
    if (project.status !== 'complete') throw new Error(`${projectId} ended ${project.status}, not complete`);
    this.counts.walks += 1;
  }

  /** One material file for the first stage (a small PDF of random bytes). */
  private async upload(projectId: string, project: Json): Promise<void> {
    const stage = definition.stages[0]!;
    const item = stage.items.find((i) => project.reviews.some((r: Json) => r.itemId === i.id) && i.materials.length > 0)!;
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2048 + Math.floor(Math.random() * 8192))]);
    const res = await this.request('POST', `/api/projects/${projectId}/materials`, {
      token: await this.token(this.o.enterpriseId),
      form: () => {
        const f = new FormData();
        f.set('stageId', stage.id);
        f.set('materialId', item.materials[0]!.id);
        f.set('file', new File([new Uint8Array(bytes)], '材料.pdf', { type: 'application/pdf' }));
        return f;
      },
    });
    if (res.status !== 201) throw new Error(`upload to ${projectId}: ${res.status} ${JSON.stringify(res.body)}`);
    this.uploaded.push({ projectId, fileId: res.body.id, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
}
