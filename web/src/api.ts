/**
 * The service's public API (same origin, /api): a fetch wrapper that adds the bearer token and
 * turns the service's one error body `{ error: { code, message, issues } }` into ApiError, and
 * the response shapes the pages read (./api-types.ts, inferred from the service's schemas).
 */

import type { MaterialFile } from './api-types';

export type * from './api-types';

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
const ACTING_FOR_KEY = 'approvals.acting-for';
export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  // A new login or a logout forgets the enterprise an agent acted for: nobody else sends it by mistake.
  set: (token: string) => {
    sessionStorage.removeItem(ACTING_FOR_KEY);
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear: () => {
    sessionStorage.removeItem(ACTING_FOR_KEY);
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** The enterprise an agent (代办) acts for, chosen in its switcher: sent as `X-On-Behalf-Of` (the project list shows its projects). */
export const actingForStore = {
  get: () => sessionStorage.getItem(ACTING_FOR_KEY),
  set: (enterpriseId: string) => sessionStorage.setItem(ACTING_FOR_KEY, enterpriseId),
};

/** Called when the service answers 401 (expired token): the app returns to the login page. */
let onUnauthorized: () => void = () => undefined;
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

/** How long the app keeps polling a decision the service answered 202 (sent, not settled yet). */
const PENDING_POLL_LIMIT_MS = 60_000;

/**
 * A JSON call; a FormData body goes as multipart/form-data (the browser sets the boundary).
 * Every command (not GET) carries an Idempotency-Key — the caller's, kept across retries of one
 * click, or a fresh one — so the service applies it once; a `202` (the decision was sent but is
 * not settled yet) is followed by polling its `Location` until it is.
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown; idempotencyKey?: string } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  const actingFor = actingForStore.get();
  if (actingFor) headers['X-On-Behalf-Of'] = actingFor;
  const form = init.body instanceof FormData;
  if (init.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  const key = init.idempotencyKey ?? (method !== 'GET' && path !== '/api/auth/login' ? newIdempotencyKey() : undefined);
  if (key) headers['Idempotency-Key'] = key;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: init.body === undefined ? undefined : form ? (init.body as FormData) : JSON.stringify(init.body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network');
  }
  const pending = res.status === 202 ? res.headers.get('Location') : null;
  if (pending) return settled<T>(pending, Number(res.headers.get('Retry-After')) || 2);
  return answerOf<T>(res, path !== '/api/auth/login');
}

/**
 * The body of a final answer (JSON, or the text when it is not JSON); the service's error body
 * as ApiError. A 401 on anything but the login itself means the token expired: back to login.
 */
async function answerOf<T>(res: Response, tokenSent: boolean): Promise<T> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  if (res.ok) return body as T;
  const err = (body as { error?: { code?: string; message?: string; issues?: { path: string; message: string }[] } } | undefined)?.error;
  if (res.status === 401 && tokenSent) onUnauthorized();
  throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? (res.statusText || `HTTP ${res.status}`), err?.issues ?? []);
}

/** Polls a pending decision's Location until it is applied (its state) or refused (ApiError). */
async function settled<T>(location: string, afterSeconds: number): Promise<T> {
  const giveUpAt = Date.now() + PENDING_POLL_LIMIT_MS;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(afterSeconds, 10) * 1000));
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${tokenStore.get() ?? ''}` };
    let res: Response;
    try {
      res = await fetch(location, { headers });
    } catch {
      if (Date.now() > giveUpAt) throw new ApiError(0, 'NETWORK', 'network');
      continue;
    }
    if (res.status !== 202) return answerOf<T>(res, true);
    if (Date.now() > giveUpAt) throw new ApiError(202, 'PENDING', 'the decision was sent and is still being applied; reload the project in a moment');
    afterSeconds = Number(res.headers.get('Retry-After')) || afterSeconds;
  }
}

/** A fresh Idempotency-Key for one user decision (a retry of the same click reuses it). */
export function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
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
  if (!res.ok) return answerOf<never>(res, true);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
