/**
 * What the soak holds the product to, after the last kill: every project complete; its
 * history holds exactly the decisions the driver saw accepted (none lost, none twice); its
 * notifications form an unbroken run of keys (none lost; the outbox's key makes a duplicate
 * impossible, which is checked too); every file the driver saw accepted downloads byte for byte.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import type { SoakDriver } from './driver';

type Json = any;

export interface TSoakFindings {
  projects: number;
  decisionsChecked: number;
  notificationsChecked: number;
  filesChecked: number;
  anomalies: string[];
}

/** The history entry each command the walkers send is recorded as (workflows/engine/project-engine.ts). */
const RECORDED_AS: Record<string, string> = {
  submitApplication: 'submitApplication',
  decideIntake: 'intakeAccepted',
  approveReview: 'approved',
  issueResults: 'resultsIssued',
  rate: 'rated',
};

const keyOf = (c: { type: string; stageId?: string; itemId?: string; userId: string }) => `${c.type}|${c.stageId ?? ''}|${c.itemId ?? ''}|${c.userId}`;

export async function checkSoak(driver: SoakDriver, projectIds: string[], db: Db): Promise<TSoakFindings> {
  const anomalies: string[] = [];
  const coordinator = await driver.token('coordinator');
  let decisionsChecked = 0;
  let notificationsChecked = 0;
  for (const id of projectIds) {
    const detail = await driver.request('GET', `/api/projects/${id}`, { token: coordinator });
    if (detail.body?.status !== 'complete') anomalies.push(`${id}: ${detail.body?.status ?? detail.status}, not complete`);
    const history: Json[] = (await driver.request('GET', `/api/projects/${id}/history`, { token: coordinator })).body.entries;
    const recorded = new Map<string, number>();
    for (const h of history.filter((h) => h.actor.role !== 'system' && h.type !== 'registered')) {
      const k = keyOf({ type: h.type, stageId: h.stageId, itemId: h.itemId, userId: h.actor.userId });
      recorded.set(k, (recorded.get(k) ?? 0) + 1);
    }
    const expected = new Map<string, number>();
    for (const c of driver.accepted.filter((c) => c.projectId === id)) {
      const k = keyOf({ ...c, type: RECORDED_AS[c.type] ?? c.type, stageId: c.itemId ? undefined : c.stageId });
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    for (const [k, n] of expected) {
      const got = recorded.get(k) ?? 0;
      decisionsChecked += n;
      if (got < n) anomalies.push(`${id}: decision ${k} accepted ${n}× but recorded ${got}× (lost)`);
      if (got > n) anomalies.push(`${id}: decision ${k} accepted ${n}× but recorded ${got}× (applied twice)`);
    }
    for (const [k, n] of recorded) if (!expected.has(k)) anomalies.push(`${id}: decision ${k} recorded ${n}× but never accepted`);

    const notes = await sql<{
      key: string;
      n: number;
    }>`select key, count(*)::int as n from outbox_entries where outbox = 'notifications' and key like ${`${id}:notify:%`} group by key`.execute(db);
    const seqs = notes.rows.map((r) => Number(r.key.split(':').pop())).sort((a, b) => a - b);
    notificationsChecked += seqs.length;
    if (seqs.length === 0) anomalies.push(`${id}: no notification at all`);
    seqs.forEach((s, i) => {
      if (s !== i + 1) anomalies.push(`${id}: notification ${i + 1} missing (found ${s} in its place)`);
    });
    for (const r of notes.rows) if (r.n > 1) anomalies.push(`${id}: notification ${r.key} stored ${r.n}×`);
  }
  let filesChecked = 0;
  for (const f of driver.uploaded) {
    const token = await driver.token('coordinator');
    const res = await driver.request('GET', `/api/projects/${f.projectId}/materials/${f.fileId}`, { token });
    filesChecked += 1;
    const sha = createHash('sha256').update(res.raw).digest('hex');
    if (res.status !== 200 || sha !== f.sha256)
      anomalies.push(`${f.projectId}: file ${f.fileId} ${res.status}, sha256 ${sha.slice(0, 12)} ≠ ${f.sha256.slice(0, 12)}`);
  }
  return { projects: projectIds.length, decisionsChecked, notificationsChecked, filesChecked, anomalies: [...new Set(anomalies)] };
}
