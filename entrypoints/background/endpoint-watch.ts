/**
 * Notices the governance endpoint coming back. After a run that failed, the runner asks at
 * once whether the endpoint answers its health check at all: when it does, the failure was
 * the endpoint's answer (busy, Retry-After, an error), and the backoff stands; when it does
 * not, the endpoint is down, and the watch asks again every few seconds, so the queued
 * records go as soon as it is back instead of when a backoff of minutes ends. A health
 * check is one small unauthenticated GET; the watch stops when a run starts.
 */

export const WATCH_EVERY_MS = 5_000;
const HEALTH_TIMEOUT_MS = 4_000;

export interface EndpointWatchDeps {
  fetch: typeof fetch;
  /** Called once when the endpoint answers again. */
  onBack(): void;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

export async function answersHealth(endpointUrl: string, doFetch: typeof fetch): Promise<boolean> {
  const base = endpointUrl.endsWith('/') ? endpointUrl : `${endpointUrl}/`;
  try {
    const response = await doFetch(new URL('v1/health', base), {
      signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
    });
    return response.ok;
  } catch {
    return false;
  }
}

export function createEndpointWatch(deps: EndpointWatchDeps) {
  let timer: unknown;
  let watching: string | undefined;

  const stop = () => {
    if (timer !== undefined) deps.clearTimer(timer);
    timer = undefined;
    watching = undefined;
  };

  const next = (endpointUrl: string) => {
    timer = deps.setTimer(async () => {
      timer = undefined;
      if (watching !== endpointUrl) return;
      if (await answersHealth(endpointUrl, deps.fetch)) {
        if (watching !== endpointUrl) return; // stopped while the check ran
        stop();
        deps.onBack();
      } else if (watching === endpointUrl) next(endpointUrl);
    }, WATCH_EVERY_MS);
  };

  return {
    /** After a failed run: watch for the endpoint's return if it is down now. */
    async afterFailure(endpointUrl: string): Promise<void> {
      stop();
      if (await answersHealth(endpointUrl, deps.fetch)) return;
      watching = endpointUrl;
      next(endpointUrl);
    },
    stop,
    watching: () => watching !== undefined,
  };
}
