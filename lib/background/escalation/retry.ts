/**
 * The escalation lane's own retry: 1 s doubling to 15 s at most, with jitter, independent
 * of the outbox's backoff (minutes while an endpoint is down). Jitter (between half and all
 * of the wait) keeps a team's extensions from retrying in step after an outage.
 */
export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 15_000;

/** The wait after `attempts` failed sends (1 → about 1 s); `random` is in [0, 1). */
export function escalationRetryDelay(attempts: number, random: number): number {
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling * (0.5 + random * 0.5));
}
