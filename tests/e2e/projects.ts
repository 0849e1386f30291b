/**
 * Projects brought to the point a browser test starts from, through the service's HTTP API
 * (what the walk in approvals.test.ts does in the browser, done here without it): registered,
 * applied for, accepted, and a correction asked for.
 */
import { getDefinition } from '../../definitions/process';
import type { TProcessDefinition } from '../../definitions/process/schema';
import { DEFAULT_ATTRIBUTES } from '../helpers/projects';
import { PASSWORD } from '../helpers/service';
import { ENTERPRISE, type Rig } from './browser';

export const definition = getDefinition('wuhan-industrial')!;
export const preparation = definition.stages[0]!;

/** Calls the API as `username`; a status other than 2xx throws with the service's answer. */
export async function apiAs(rig: Rig, username: string) {
  const login = await fetch(`${rig.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  return async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${rig.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} as ${username} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** Sets up the park 光谷生物城 with its whole-park geological-hazards assessment (区域评估) in force; returns the park's id. */
export async function parkWithAssessment(rig: Rig): Promise<string> {
  const coordinator = await apiAs(rig, 'coordinator');
  const parkId = 'optics-valley';
  await coordinator('POST', '/api/parks', { id: parkId, name: '光谷生物城' });
  await coordinator('POST', `/api/parks/${parkId}/assessments`, {
    type: 'geological-hazards',
    scope: '全园区',
    validFrom: '2026-01-01',
    validUntil: '2099-12-31',
  });
  return parkId;
}

/** Registers a project for the rig's enterprise (with its 项目代码 when given); returns its id. */
export async function register(rig: Rig, title: string, projectCode?: string): Promise<string> {
  const coordinator = await apiAs(rig, 'coordinator');
  const created = await coordinator<{ id: string }>('POST', '/api/projects', {
    title,
    definitionId: definition.id,
    enterpriseId: ENTERPRISE,
    attributes: DEFAULT_ATTRIBUTES,
    ...(projectCode !== undefined ? { projectCode } : {}),
  });
  return created.id;
}

/**
 * The enterprise applies for the first stage with every material its items ask for, as the
 * project's own definition version has them; a material a park's assessment covers is not asked for.
 */
export async function apply(rig: Rig, projectId: string, parkAssessed = false): Promise<void> {
  const enterprise = await apiAs(rig, ENTERPRISE);
  const detail = await enterprise<{ reviews: { itemId: string }[]; definition: { id: string; version: number } }>('GET', `/api/projects/${projectId}`);
  const items = new Set(detail.reviews.map((r) => r.itemId));
  const own = await enterprise<{ definition: TProcessDefinition }>(
    'GET',
    `/api/definitions/${encodeURIComponent(detail.definition.id)}?version=${detail.definition.version}`,
  );
  const first = own.definition.stages[0]!;
  const materials = [
    ...new Set(first.items.filter((i) => items.has(i.id)).flatMap((i) => i.materials.filter((m) => !(parkAssessed && m.parkAssessment)).map((m) => m.id))),
  ];
  const form = Object.fromEntries(first.form.fields.map((f) => [f.id, f.type === 'number' ? 50000 : f.type === 'date' ? '2027-03-01' : '示例']));
  await enterprise('POST', `/api/projects/${projectId}/events`, { type: 'submitApplication', stageId: first.id, form, materials });
}

/** The coordinator accepts the first stage's application: its reviews are dispatched. */
export async function accept(rig: Rig, projectId: string): Promise<void> {
  const coordinator = await apiAs(rig, 'coordinator');
  await coordinator('POST', `/api/projects/${projectId}/events`, { type: 'decideIntake', stageId: preparation.id, decision: 'accept' });
}

/** The item's department asks the enterprise to correct one of its materials. */
export async function askCorrection(rig: Rig, projectId: string, itemId: string, reason: string): Promise<void> {
  const item = preparation.items.find((i) => i.id === itemId)!;
  const department = await apiAs(rig, `dept-${item.department}`);
  await department('POST', `/api/projects/${projectId}/events`, { type: 'requestCorrection', itemId, materials: [item.materials[0]!.id], reason });
}
