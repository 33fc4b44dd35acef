/** Handlers of lib/messaging/risk-messages.ts: creator risk, creator history, creator notes. */
import { browser } from 'wxt/browser';
import { creatorRisks } from '@/lib/background/risk-views/creator-risk';
import { creatorHistoryView } from '@/lib/background/risk-views/creator-view';
import { loadSettings } from '@/lib/background/settings/settings';
import { systemClock } from '@/lib/background/store/clock';
import { cachedHistory } from '@/lib/background/store/creator-history-repo';
import type { FlagpostDb } from '@/lib/background/store/db';
import { createNote, deleteNote, editNote } from '@/lib/background/store/notes-repo';
import { RecordNotFoundError } from '@/lib/background/store/records-repo';
import { rulePrecisions } from '@/lib/background/store/rule-stats-repo';
import { readSecret } from '@/lib/background/store/secrets-repo';
import {
  createHistoryRefresher,
  HISTORY_MAX_AGE_MS,
  type HistoryRefresher,
} from '@/lib/background/sync/creator-history-refresher';
import type { EndpointConfig } from '@/lib/background/sync/transport';
import { MessageError } from '@/lib/messaging/errors';
import type { RemoteHistoryState, riskMessages } from '@/lib/messaging/risk-messages';
import type { Handlers } from '@/lib/messaging/router';
import { riskChanged } from '@/lib/messaging/tab-commands';
import type { CreatorRef } from '@/lib/shared/protocol/history';
import { creatorKey } from '@/lib/shared/protocol/records';
import { database } from './database';
import type { SyncRunner } from './sync-runner';

/** The same endpoint and token as sync; undefined until both are configured. */
async function endpointConfig(): Promise<EndpointConfig | undefined> {
  const [settings, token] = await Promise.all([
    loadSettings(),
    database().then((db) => readSecret(db, 'endpointToken')),
  ]);
  return settings.endpointUrl && token ? { endpointUrl: settings.endpointUrl, token } : undefined;
}

async function author() {
  const { reviewerId } = await loadSettings();
  return { reviewer: reviewerId, clock: systemClock };
}

/** A creator note of this device, or a not-found error (item notes are not edited here). */
async function ownCreatorNote(db: FlagpostDb, id: string) {
  const note = await db.notes.get(id);
  if (!note || note.deleted || note.target.type !== 'creator')
    throw new MessageError('not-found', `No note on a creator with id ${id}`);
  return note;
}

/** Refreshes if asked, then says what the cached copy is and why. */
async function remoteState(
  db: FlagpostDb,
  refresher: HistoryRefresher,
  ref: CreatorRef,
  refresh: boolean,
): Promise<Omit<RemoteHistoryState, 'fetchedAt' | 'ageMs'>> {
  const key = creatorKey(ref);
  const configured = (await endpointConfig()) !== undefined;
  const before = await cachedHistory(db, key);
  const stale = !before || Date.now() - Date.parse(before.fetchedAt) > HISTORY_MAX_AGE_MS;
  // Opening the panel is one explicit look at one creator: always worth one fresh fetch.
  if (configured && refresh) {
    const outcome = await refresher.refreshNow(ref);
    if (outcome.kind === 'fetched') return { state: 'fresh' };
    if (outcome.kind === 'failed')
      return { state: before ? 'cached' : 'none', error: outcome.reason };
  }
  if (!before) return { state: configured ? 'none' : 'not-configured' };
  const error = refresher.lastError(key);
  return stale || error ? { state: 'cached', ...(error ? { error } : {}) } : { state: 'fresh' };
}

/** How long the tabs told about arrived histories wait for more to arrive with them. */
const RISK_CHANGED_DELAY_MS = 150;

/** How many creators a tab is remembered to show (oldest forgotten first). */
const VIEWED_PER_TAB = 2000;

/**
 * The tabs whose chips wait for a creator's history: when the fetch ends (fetched or
 * failed), each is told `risk-changed` once, within RISK_CHANGED_DELAY_MS, and asks again.
 * Also the tabs that showed a creator's chip: a decision made here on one of that creator's
 * flags (created, confirmed, dismissed, deleted) tells them the same, so the chip counts it.
 */
export function createRiskWatchers() {
  const waiting = new Map<string, Set<number>>();
  const viewed = new Map<number, Set<string>>();
  const toTell = new Set<number>();
  let scheduled = false;
  const tell = () => {
    scheduled = false;
    const tabs = [...toTell];
    toTell.clear();
    for (const tabId of tabs)
      void browser.tabs.sendMessage(tabId, riskChanged).catch(() => {
        // The tab went away or has no content script of ours any more.
      });
  };
  const schedule = () => {
    if (scheduled || toTell.size === 0) return;
    scheduled = true;
    setTimeout(tell, RISK_CHANGED_DELAY_MS);
  };
  // A closed tab shows nothing any more.
  browser.tabs.onRemoved.addListener((tabId) => {
    viewed.delete(tabId);
  });
  return {
    /** The tab asked for these creators' chips. */
    viewing(keys: readonly string[], tabId: number) {
      const shown = viewed.get(tabId) ?? new Set<string>();
      for (const key of keys) {
        shown.delete(key); // re-added last: the most recently shown is forgotten last
        shown.add(key);
      }
      for (const key of shown) {
        if (shown.size <= VIEWED_PER_TAB) break;
        shown.delete(key);
      }
      viewed.set(tabId, shown);
    },
    /** A local decision on these creators' flags: the tabs that show them ask again. */
    decided(keys: readonly string[]) {
      for (const [tabId, shown] of viewed)
        if (keys.some((key) => shown.has(key))) toTell.add(tabId);
      schedule();
    },
    /** Decisions on creators not known one by one (a bulk action): every showing tab asks. */
    decidedAny() {
      for (const tabId of viewed.keys()) toTell.add(tabId);
      schedule();
    },
    wait(key: string, tabId: number) {
      const tabs = waiting.get(key) ?? new Set<number>();
      tabs.add(tabId);
      waiting.set(key, tabs);
    },
    forget(key: string, tabId: number) {
      const tabs = waiting.get(key);
      if (!tabs?.delete(tabId) || tabs.size > 0) return;
      waiting.delete(key);
    },
    settled(key: string) {
      const tabs = waiting.get(key);
      if (!tabs) return;
      waiting.delete(key);
      for (const tabId of tabs) toTell.add(tabId);
      schedule();
    },
  };
}
export type RiskWatchers = ReturnType<typeof createRiskWatchers>;

export function createRiskHandlers(
  runner: SyncRunner,
  watchers: RiskWatchers = createRiskWatchers(),
): Pick<Handlers, keyof typeof riskMessages> {
  const refresher = createHistoryRefresher({
    db: database,
    config: endpointConfig,
    clock: systemClock,
    onSettled: (ref) => watchers.settled(creatorKey(ref)),
  });

  return {
    async 'creators.risk'({ creators }, { sender }) {
      const db = await database();
      const tabId = (sender.tab as { id?: number } | undefined)?.id;
      const keys = creators.map(creatorKey);
      // Waiting before the fetches are queued: a fetch that ends at once still tells the tab.
      if (tabId !== undefined) {
        watchers.viewing(keys, tabId);
        for (const key of keys) watchers.wait(key, tabId);
      }
      // Queues the fetches of stale histories (it does not wait for them): the chips answer
      // from what is here now, and the tab hears `risk-changed` when a history arrives.
      await refresher.refreshStale(creators).catch((error: unknown) => {
        console.warn('Flagpost: creator history refresh failed:', error);
      });
      const risks = await creatorRisks(db, creators, Date.now());
      if (tabId !== undefined)
        for (const key of keys) if (!refresher.pending(key)) watchers.forget(key, tabId);
      return {
        risks: risks.map((risk) =>
          risk.state === 'unknown' && refresher.pending(creatorKey(risk))
            ? { ...risk, state: 'loading' as const }
            : risk,
        ),
      };
    },

    async 'creator.open'({ creator }) {
      const query = new URLSearchParams(creator).toString();
      const url = browser.runtime.getURL(`/creator.html?${query}`);
      await browser.tabs.create({ url });
      return { url };
    },

    async 'creator.history'({ creator, refresh }) {
      const db = await database();
      const remote = await remoteState(db, refresher, creator, refresh);
      return creatorHistoryView(db, creator, Date.now(), remote);
    },

    async 'creator.note.create'({ creator, text }) {
      const db = await database();
      const known = await db.creators.get(creatorKey(creator));
      const target = {
        type: 'creator' as const,
        creator: {
          ...creator,
          handle: known?.handle ?? '',
          ...(known?.displayName ? { displayName: known.displayName } : {}),
        },
      };
      const note = await createNote(db, target, text, await author());
      runner.soon();
      return note;
    },

    async 'creator.note.edit'({ id, text }) {
      const db = await database();
      await ownCreatorNote(db, id);
      const note = await editNote(db, id, text, await author());
      runner.soon();
      return note;
    },

    async 'creator.note.delete'({ id }) {
      const db = await database();
      await ownCreatorNote(db, id);
      const note = await deleteNote(db, id, await author()).catch((error: unknown) => {
        if (error instanceof RecordNotFoundError)
          throw new MessageError('not-found', error.message);
        throw error;
      });
      runner.soon();
      return note;
    },

    async 'rule.precision'({ rules }) {
      return { rules: await rulePrecisions(await database(), rules) };
    },
  };
}
