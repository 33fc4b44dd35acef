/** Where the governance endpoint may live: validated the same way in every context. */
import { z } from 'zod';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** HTTPS, or plain HTTP only on this machine (a local endpoint for development). */
export const endpointUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .superRefine((value, ctx) => {
    if (value === '') return;
    const problem = endpointUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

function endpointUrlProblem(value: string): string | undefined {
  if (!URL.canParse(value)) return 'must be a full URL, e.g. https://governance.example.com';
  const url = new URL(value);
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return undefined;
  return 'must use https (plain http is allowed only for localhost or 127.0.0.1)';
}
