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
  });

/** Whether `host` is one of `patterns` (case-insensitive, trailing dot ignored). */
export function isPlatformHost(host: string, patterns: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return patterns.some((pattern) =>
    pattern.startsWith('*.') ? name.endsWith(pattern.slice(1)) : name === pattern,
  );
}
