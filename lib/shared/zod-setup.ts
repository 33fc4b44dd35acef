import { z } from 'zod';

/**
 * Extension pages and workers forbid eval by CSP. Zod 4 would probe `new Function` on first
 * use (raising a CSP violation report each time); jitless mode skips the probe.
 * Each entrypoint calls this first thing in main().
 */
export function configureZodForExtension(): void {
  z.config({ jitless: true });
}
