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
