/**
 * The console's calls to its endpoint: same origin, the session cookie sent by the browser
 * (HttpOnly: this code never sees it), the CSRF header on every change. A 401 anywhere means
 * the session ended: the app goes back to the sign-in page.
 */
import type { z } from 'zod';

export const CSRF = { 'X-Flagpost-Console': '1' } as const;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

let onSignedOut: () => void = () => undefined;
/** The app's handler for a 401 (show the sign-in page). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

async function errorOf(response: Response): Promise<ApiError> {
  let message = `HTTP ${response.status}`;
  let issues: { path: string; message: string }[] = [];
  try {
    const body = (await response.json()) as {
      error?: { message?: string; details?: { issues?: { path: string; message: string }[] } };
    };
    if (body.error?.message) message = body.error.message;
    if (Array.isArray(body.error?.details?.issues)) issues = body.error.details.issues;
  } catch {
    // Not JSON: the status says enough.
  }
  return new ApiError(response.status, message, issues);
}

/** A JSON call; the answer is validated with `schema` before the UI sees it. */
export async function call<S extends z.ZodType>(
  schema: S,
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> } = {},
): Promise<z.output<S>> {
  const method = init.method ?? 'GET';
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      ...(method === 'GET' ? {} : CSRF),
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (response.status === 401 && !init.headers?.Authorization) onSignedOut();
  if (!response.ok) throw await errorOf(response);
  const text = await response.text();
  const parsed = schema.safeParse(text ? JSON.parse(text) : undefined);
  if (!parsed.success) throw new ApiError(502, `The endpoint answered ${path} unexpectedly.`);
  return parsed.data;
}

/** `path?name=value...` without empty values. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
