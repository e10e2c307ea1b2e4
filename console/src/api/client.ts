import type { Problem } from './types.ts';

const KEY_STORAGE = 'patron.apiKey';
// A signed-in person's session lives in an HttpOnly cookie the page cannot read; the CSRF
// token the sign-in answered with is kept here, shared by the tabs, and sent on every write.
const CSRF_STORAGE = 'patron.csrf';

/** Carries a problem+json body, so forms can put `detail` next to `field`. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
}

/** What to tell the operator about a failed call: a problem's detail (else its title), or the error. */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

// The key lives in sessionStorage: it dies with the tab, which suits a shared shop PC.
export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function storeKey(key: string | null): void {
  if (key === null) sessionStorage.removeItem(KEY_STORAGE);
  else sessionStorage.setItem(KEY_STORAGE, key);
}

export function storedCsrf(): string | null {
  return localStorage.getItem(CSRF_STORAGE);
}

export function storeCsrf(token: string | null): void {
  if (token === null) localStorage.removeItem(CSRF_STORAGE);
  else localStorage.setItem(CSRF_STORAGE, token);
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let language = 'zh-CN';
let unauthorized: () => void = () => {};

/** Called when the stored key stops working (revoked, expired), so the app can sign out. */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

/** The server localises problem titles from Accept-Language. */
export function setApiLanguage(lang: string): void {
  language = lang;
}

export interface RequestOptions {
  body?: unknown;
  idempotencyKey?: string;
  /** Overrides the stored key, for signing in before it is stored. */
  apiKey?: string;
  /** A sign-in: its 401 is a wrong password, not a session that ended. */
  signingIn?: boolean;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  const key = opts.apiKey ?? storedKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  else if (UNSAFE.has(method) && storedCsrf()) headers['X-CSRF-Token'] = storedCsrf()!;
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? null : JSON.stringify(opts.body),
    });
  } catch (err) {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, detail: String(err) });
  }
  if (res.ok) {
    return (res.status === 204 ? undefined : await res.json()) as T;
  }
  if (res.status === 401 && opts.apiKey === undefined && !opts.signingIn) unauthorized();
  throw new ApiError(await readProblem(res));
}

/** Fetches a file the API makes (a CSV export) with the stored key and saves it under `filename`. */
export async function download(path: string, filename: string): Promise<void> {
  const key = storedKey();
  const res = await fetch(path, { credentials: 'same-origin', headers: { 'Accept-Language': language, ...(key ? { Authorization: `Bearer ${key}` } : {}) } });
  if (!res.ok) throw new ApiError(await readProblem(res));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}

async function readProblem(res: Response): Promise<Problem> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    if (typeof body.title === 'string') return { ...body, title: body.title, type: body.type ?? 'about:blank', status: body.status ?? res.status };
  } catch {
    // Not JSON: a proxy or a crash page. Fall through to a generic problem.
  }
  return { type: 'about:blank', title: `HTTP ${res.status}`, status: res.status, detail: text.slice(0, 200) || res.statusText };
}

export const get = <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts);

/** Writes carry an Idempotency-Key so that a retried click cannot double-book. */
export const post = <T>(path: string, body: unknown, idempotencyKey: string) =>
  request<T>('POST', path, { body, idempotencyKey });

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
