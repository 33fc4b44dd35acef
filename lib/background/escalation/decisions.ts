/**
 * Decisions coming back from the endpoint: enforcement actions on creators this browser has
 * seen are merged into their cached history (so the risk chip, the creator page and the
 * risk explanation show them without waiting for the next history fetch), and a cursor
 * remembers how far the enforcement feed has been read, so a dropped stream loses nothing.
 */

import type { FlagpostDb } from '@/lib/background/store/db';
import type { EndpointConfig } from '@/lib/background/sync/transport';
import {
  enforcementFeedSchema,
  type RecordedEnforcementAction,
} from '@/lib/shared/protocol/enforcement-feed';
import { creatorHistorySchema } from '@/lib/shared/protocol/history';
import { creatorKey } from '@/lib/shared/protocol/records';

export const ENFORCEMENT_CURSOR_KEY = 'enforcementFeedCursor';
/** A first catch-up reaches back this far; older actions come with each creator's history. */
const FIRST_LOOK_BACK_MS = 10 * 60_000;
const MAX_PAGES = 20;

export async function enforcementCursor(db: FlagpostDb): Promise<string | undefined> {
  const row = await db.meta.get(ENFORCEMENT_CURSOR_KEY);
  return typeof row?.value === 'string' ? row.value : undefined;
}

/**
 * Adds the action to its creator's cached history when there is one (a creator seen here),
 * once by id, and moves the cursor forward. Returns whether a cached history changed.
 */
export async function applyEnforcementAction(
  db: FlagpostDb,
  action: RecordedEnforcementAction,
): Promise<boolean> {
  return db.transaction('rw', [db.creatorHistory, db.meta], async () => {
    const cursor = await enforcementCursor(db);
    if (!cursor || action.recordedAt > cursor)
      await db.meta.put({ key: ENFORCEMENT_CURSOR_KEY, value: action.recordedAt });
    const key = creatorKey(action.creator);
    const row = await db.creatorHistory.get(key);
    if (!row) return false;
    const parsed = creatorHistorySchema.safeParse(row.history);
    if (!parsed.success) return false;
    const history = parsed.data;
    if (history.enforcementActions.some((a) => a.id === action.id)) return false;
    const { recordedAt: _recordedAt, ...plain } = action;
    history.enforcementActions = [...history.enforcementActions, plain].sort((a, b) =>
      a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1,
    );
    await db.creatorHistory.put({ ...row, history });
    return true;
  });
}

/**
 * Reads the enforcement feed from the cursor (inclusive; ids already merged are skipped) and
 * applies every action. Returns the creators whose cached history changed.
 */
export async function catchUpEnforcement(
  db: FlagpostDb,
  config: EndpointConfig,
  options: { timeoutMs: number; fetch?: typeof fetch; now?: number },
): Promise<string[]> {
  const doFetch = options.fetch ?? fetch;
  const changed = new Set<string>();
  let since =
    (await enforcementCursor(db)) ??
    new Date((options.now ?? Date.now()) - FIRST_LOOK_BACK_MS).toISOString();
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = new URL(
      'v1/enforcement-actions',
      config.endpointUrl.endsWith('/') ? config.endpointUrl : `${config.endpointUrl}/`,
    );
    url.searchParams.set('since', since);
    const response = await doFetch(url.href, {
      headers: { authorization: `Bearer ${config.token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status} reading enforcement actions`);
    const parsed = enforcementFeedSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success)
      throw new Error('The endpoint sent an unreadable list of enforcement actions');
    for (const action of parsed.data.actions)
      if (await applyEnforcementAction(db, action)) changed.add(creatorKey(action.creator));
    const last = parsed.data.actions.at(-1);
    // Without the cursor moving, asking again would return the same page.
    if (!parsed.data.more || !last || last.recordedAt === since) break;
    since = last.recordedAt;
  }
  if (!(await enforcementCursor(db)))
    await db.meta.put({ key: ENFORCEMENT_CURSOR_KEY, value: since });
  return [...changed];
}
