/**
 * The service's public API (same origin, /api): a fetch wrapper that adds the bearer token and
 * turns the service's one error body `{ error: { code, message, issues } }` into ApiError, and
 * the response shapes the pages read (mirroring service/routes/*.types.ts).
 */

export type Role = 'coordinator' | 'department' | 'enterprise';
export type Card = 'green' | 'yellow' | 'red';

export interface User {
  username: string;
  displayName: string;
  role: Role;
  departmentId?: string;
  enterpriseId?: string;
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: User;
}

export interface ProjectSummary {
  id: string;
  title: string;
  enterpriseId: string;
  stageId: string;
  status: string;
  worstCard: string;
  pendingDepartments: string[];
  nextDueAt: string | null;
  registeredAt: string | null;
}

export interface ReviewView {
  itemId: string;
  title: string;
  stageId: string;
  departmentId: string;
  status: string;
  early: boolean;
  startedAt: string | null;
  legalLimit: number;
  promisedLimit: number;
  clock: {
    promisedDueAt: string;
    legalDueAt: string;
    elapsed: number;
    remaining: number;
    legalRemaining: number;
    card: Card;
    paused: boolean;
    provisional: boolean;
    extensionDays: number;
  } | null;
  conditions: string | null;
  reason: string | null;
  correction: { materials: string[]; reason: string } | null;
  special: { kind: string; days: number; reason: string; endsAt: string } | null;
}

export interface StageView {
  stageId: string;
  title: string;
  status: string;
  leadDepartmentId: string;
  submittedAt: string | null;
  intakeDueAt: string | null;
  acceptedAt: string | null;
  acceptance: string | null;
  returnNotice: string | null;
  issuedAt: string | null;
  endReason: string | null;
  missing: { itemId: string; materialId: string; kind: string }[];
  skipped: { itemId: string; reason: string }[];
  form: Record<string, unknown> | null;
  materials: string[];
}

export interface Action {
  type: string;
  stageId?: string;
  itemId?: string;
  materialId?: string;
  options?: string[];
}

export interface PlannedItem {
  itemId: string;
  stageId: string;
  title: string;
  department: string;
  start: string;
  due: string;
  legalDue: string;
  promisedLimit: number;
  legalLimit: number;
  critical: boolean;
  status: string;
  provisional: boolean;
}

export interface PlannedStage {
  stageId: string;
  title: string;
  leadDepartment: string;
  preparationDays: number;
  opens: string;
  start: string;
  end: string;
  governmentWorkdays: number;
  budget: number;
  withinBudget: boolean;
}

export interface Plan {
  start: string;
  end: string;
  items: PlannedItem[];
  skipped: { itemId: string; stageId: string; reason: string }[];
  stages: PlannedStage[];
  criticalPath: string[];
  governmentWorkdays: number;
  totalBudget: number;
  withinBudget: boolean;
  spanWorkdays: number;
  provisional: boolean;
}

export interface ProjectDetail {
  projectId: string;
  title: string;
  enterpriseId: string;
  attributes: Record<string, unknown>;
  definition: { id: string; version: number; hash: string };
  status: string;
  currentStageId: string;
  worstCard: Card;
  nextDueAt: string | null;
  registeredAt: string;
  stages: StageView[];
  reviews: ReviewView[];
  commitments: {
    itemId: string;
    materialId: string;
    departmentId: string;
    status: string;
    dueAt: string;
    consequence: string;
    expiredAt: string | null;
    rejection: string | null;
  }[];
  results: { resultId: string; title: string; itemId: string; stageId: string; issuedAt: string | null; conditions: string | null }[];
  ratings: { stageId: string; score: number; comment: string; at: string; by: string }[];
  plan?: Plan;
  actions: Action[];
}

export interface HistoryEntry {
  seq: number;
  at: string;
  actor: { userId: string; role: string; departmentId?: string; enterpriseId?: string };
  type: string;
  stageId?: string;
  itemId?: string;
  summary: string;
  reason?: string;
}

export interface Task {
  kind: string;
  projectId: string;
  projectTitle: string;
  enterpriseId: string;
  stageId: string | null;
  itemId: string | null;
  materialId: string | null;
  title: string;
  status: string | null;
  dueAt: string | null;
  remainingWorkdays: number | null;
  card: Card | null;
  paused: boolean;
  actions: string[];
}

export interface Stat {
  key: string;
  title: string;
  dispatched: number;
  completed: number;
  early: number;
  earlyCompletionRate: number | null;
  yellowCards: number;
  redCards: number;
  avgWorkdaysUsed: number | null;
  avgPromisedLimit: number | null;
  avgLegalLimit: number | null;
}

export interface Supervision {
  generatedAt: string;
  projects: { total: number; byStatus: Record<string, number>; byStage: Record<string, number> };
  byDepartment: Stat[];
  byItem: Stat[];
  ratings: {
    count: number;
    average: number | null;
    bad: { projectId: string; projectTitle: string; stageId: string; score: number; comment: string; at: string }[];
  };
}

export interface Text {
  zh: string;
  en: string;
}

export interface Material {
  id: string;
  title: Text;
  kind: 'core' | 'tolerable';
  supplyWithinDays?: number;
  onExpiry?: string;
  providedByResult?: string;
}

/** GET /api/calendar/due: `days` working days after `start` (service/routes/calendar.types.ts). */
export interface CalendarDue {
  start: string;
  days: number;
  dueDate: string;
  /** 24:00 Asia/Shanghai of dueDate. */
  dueAt: string;
  provisional: boolean;
  calendarFingerprint: string;
}

export interface DefinitionDoc {
  id: string;
  version: number;
  title: Text;
  departments: { id: string; name: Text }[];
  attributes: { key: string; label: Text; type: 'number' | 'text' | 'boolean' | 'select' | 'date'; options?: string[]; unit?: string; required?: boolean }[];
  totalBudget: number;
  stages: {
    id: string;
    title: Text;
    leadDepartment: string;
    budget: number;
    form: { fields: { id: string; label: Text; type: 'text' | 'number' | 'date' | 'boolean' | 'select'; options?: { value: string; label: Text }[]; required?: boolean }[] };
    items: { id: string; title: Text; department: string; legalLimit: number; promisedLimit: number; materials: Material[]; results?: { id: string; title: Text; kind: string }[] }[];
  }[];
}

export interface DefinitionList {
  definitions: { id: string; latestVersion: number; versions: { version: number; title: Text; stages: { id: string; title: Text; items: number }[]; departments: { id: string; name: Text }[] }[] }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const TOKEN_KEY = 'approvals.token';
export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Called when the service answers 401 (expired token): the app returns to the login page. */
let onUnauthorized: () => void = () => undefined;
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

/** A JSON call; a FormData body goes as multipart/form-data (the browser sets the boundary). */
export async function api<T>(path: string, init: { method?: string; body?: unknown; idempotencyKey?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  const form = init.body instanceof FormData;
  if (init.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (init.idempotencyKey) headers['Idempotency-Key'] = init.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : form ? (init.body as FormData) : JSON.stringify(init.body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network');
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; issues?: { path: string; message: string }[] } } | undefined)?.error;
    if (res.status === 401 && path !== '/api/auth/login') onUnauthorized();
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? (res.statusText || `HTTP ${res.status}`), err?.issues ?? []);
  }
  return body as T;
}

/** A fresh Idempotency-Key for one user decision (a retry of the same click reuses it). */
export function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** A file handed in for a material (GET/POST /api/projects/{id}/materials). */
export interface MaterialFile {
  id: string;
  projectId: string;
  stageId: string;
  materialId: string;
  name: string;
  size: number;
  sha256: string;
  type: string;
  uploadedBy: string;
  uploadedAt: string;
}

/** The largest file the service takes (its limit: 20 MiB). */
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;

/** Sends one file for a stage's material as multipart/form-data; the service's refusals as ApiError. */
export function uploadMaterial(projectId: string, stageId: string, materialId: string, file: File): Promise<MaterialFile> {
  const form = new FormData();
  form.set('stageId', stageId);
  form.set('materialId', materialId);
  form.set('file', file, file.name);
  return api<MaterialFile>(`/api/projects/${encodeURIComponent(projectId)}/materials`, { method: 'POST', body: form });
}

/** Downloads a file with the token (a plain link cannot send the header): the supervision CSV, a material's file. */
export async function downloadCsv(path: string, filename: string): Promise<void> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${tokenStore.get() ?? ''}` } });
  if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, await res.text());
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
