/**
 * The platform's own hosts, as the settings list them: an exact hostname, or `*.` and a
 * hostname for every subdomain of it (not the name itself). The platform's adapters read
 * pages only on these hosts (lib/page/sites/registry.ts), decided by the background from
 * the sender's URL (`page.setup`), never from the page.
 */
import { z } from 'zod';

const HOSTNAME =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const platformHostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .refine((value) => HOSTNAME.test(value.replace(/^\*\./, '')), {
    message: 'must be a hostname such as shop.example.com, or *.example.com for its subdomains',
  })
  // `*.com` would make every site under a top-level domain the platform's.
  .refine((value) => !/^\*\.[^.]+$/.test(value), {
    message: 'a wildcard must name a domain, such as *.example.com, not a top-level domain',
  });

/** Whether `host` is one of `patterns` (case-insensitive, trailing dot ignored). */
export function isPlatformHost(host: string, patterns: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return patterns.some((pattern) =>
    pattern.startsWith('*.') ? name.endsWith(pattern.slice(1)) : name === pattern,
  );
}

/** How many platform hosts the settings hold, at most. */
export const PLATFORM_HOSTS_MAX = 50;

/** The list as the settings keep it: one to PLATFORM_HOSTS_MAX hosts. */
export const platformHostsSchema = z.array(platformHostSchema).min(1).max(PLATFORM_HOSTS_MAX);

/** What is wrong with a list typed in the options page, line by line (lines count from 1). */
export type PlatformHostProblem =
  | { kind: 'empty' }
  | { kind: 'too-many'; count: number; max: number }
  /** An address (scheme, port or path) where a host name belongs. */
  | { kind: 'address'; line: number; value: string }
  /** `*.com`: every site under a top-level domain. */
  | { kind: 'too-broad'; line: number; value: string }
  | { kind: 'not-host'; line: number; value: string };

/**
 * Reads the options page's list: one host per line, blank lines skipped, names lowercased
 * and repeats dropped. Every bad line is named, so the reviewer can fix them all at once.
 */
export function readPlatformHosts(
  text: string,
): { ok: true; hosts: string[] } | { ok: false; problems: PlatformHostProblem[] } {
  const problems: PlatformHostProblem[] = [];
  const hosts: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const value = raw.trim();
    if (!value) return;
    const line = index + 1;
    const parsed = platformHostSchema.safeParse(value);
    if (parsed.success) {
      if (!hosts.includes(parsed.data)) hosts.push(parsed.data);
      return;
    }
    // Shown as typed, but never a whole page of it.
    const shown = value.length > 80 ? `${value.slice(0, 79)}…` : value;
    const address = /^[a-z][a-z0-9+.-]*:\/\/|[/?#]|:\d*$/i.test(value);
    const broad = /^\*\.[a-z0-9-]+$/i.test(value);
    const kind = address ? 'address' : broad ? 'too-broad' : 'not-host';
    problems.push({ kind, line, value: shown });
  });
  if (problems.length === 0 && hosts.length === 0) problems.push({ kind: 'empty' });
  if (hosts.length > PLATFORM_HOSTS_MAX)
    problems.push({ kind: 'too-many', count: hosts.length, max: PLATFORM_HOSTS_MAX });
  return problems.length ? { ok: false, problems } : { ok: true, hosts };
}
