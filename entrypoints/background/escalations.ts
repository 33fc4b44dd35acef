/**
 * The background's escalation service: the lane (sent at once, own retry), receipts from
 * the endpoint with a notification on acknowledgement and on resolution, and a persistent
 * warning (toolbar badge and title) while an escalation is not delivered 30 s after it was
 * made. An alarm wakes a stopped worker to resume all three.
 */
import { browser } from 'wxt/browser';
import { applyEnforcementAction, catchUpEnforcement } from '@/lib/background/escalation/decisions';
import { escalationStatus, toEscalationView } from '@/lib/background/escalation/escalation-view';
import {
  applyRemote,
  checkEscalationRequest,
  EscalationInputError,
  escalateFlag,
  escalationsAboutCreator,
  escalationsForFlag,
} from '@/lib/background/escalation/escalations-repo';
import { createDecisionStream } from '@/lib/background/escalation/event-stream';
import { createEscalationLane, type EscalationLane } from '@/lib/background/escalation/lane';
import {
  type Announcement,
  awaitingDecision,
  refreshReceipts,
} from '@/lib/background/escalation/receipts';
import { loadSettings } from '@/lib/background/settings/settings';
import { systemClock } from '@/lib/background/store/clock';
import { cachedHistory } from '@/lib/background/store/creator-history-repo';
import { RecordNotFoundError } from '@/lib/background/store/records-repo';
import { readSecret } from '@/lib/background/store/secrets-repo';
import type { EndpointConfig } from '@/lib/background/sync/transport';
import { t } from '@/lib/i18n/translate';
import { MessageError } from '@/lib/messaging/errors';
import {
  ESCALATION_DELIVERY_WARNING_MS,
  type escalationMessages,
} from '@/lib/messaging/escalation-messages';
import type { Handlers } from '@/lib/messaging/router';
import { escalationChanged, riskChanged, type TabCommand } from '@/lib/messaging/tab-commands';
import { creatorKey } from '@/lib/shared/protocol/records';
import { creatorDecisions } from '@/lib/shared/risk/decisions';
import { database } from './database';
import { takeDraft } from './draft-handlers';
import { captureSnapshot } from './evidence-capture';

export const ESCALATION_ALARM = 'flagpost-escalations';
const TIMEOUT_MS = 10_000;

async function endpointConfig(): Promise<EndpointConfig | undefined> {
  const settings = await loadSettings();
  const token = await readSecret(await database(), 'endpointToken');
  return settings.endpointUrl && token ? { endpointUrl: settings.endpointUrl, token } : undefined;
}

async function currentStatus() {
  const db = await database();
  const rows = await db.escalations.toArray();
  const configured = (await endpointConfig()) !== undefined;
  return escalationStatus(rows, Date.now(), configured ? undefined : t('escalationNoEndpoint'));
}

/** The badge and its title: a warning stays until every escalation is delivered. */
async function showWarning(): Promise<void> {
  const status = await currentStatus();
  const action = browser.action ?? browser.browserAction;
  if (status.overdue > 0) {
    await action.setBadgeBackgroundColor({ color: '#b00020' });
    await action.setBadgeText({ text: '!' });
    await action.setTitle({
      title: t('escalationUndeliveredTitle', [
        String(status.overdue),
        status.overdueReason ?? t('escalationNoAnswer'),
      ]),
    });
  } else {
    await action.setBadgeText({ text: '' });
    await action.setTitle({ title: t('extName') });
  }
}

export function announce({ row, receipt }: Announcement): void {
  const remote = row.remote;
  const message =
    receipt === 'acknowledged'
      ? t('escalationAcknowledgedBody', [remote?.acknowledgedBy ?? '?', row.reason.slice(0, 80)])
      : t('escalationResolvedBody', [remote?.outcome?.decision ?? '?', row.reason.slice(0, 80)]);
  void browser.notifications
    .create(`flagpost-escalation-${row.id}-${receipt}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: t(
        receipt === 'acknowledged' ? 'escalationAcknowledgedTitle' : 'escalationResolvedTitle',
      ),
      message,
      priority: 2,
    })
    .catch((error: unknown) => console.warn('Flagpost notification failed:', error));
}

/**
 * Receipts and enforcement actions are pushed on the endpoint's event stream, as they commit.
 * While the stream is down, popups and side panels (which ask every second) poll instead,
 * the endpoint at most every RECEIPTS_EVERY_MS.
 */
/** Tells every tab (its content script, if any) once per burst of changes. */
function createTabNotifier(command: TabCommand, delayMs = 150) {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(async () => {
      scheduled = false;
      try {
        for (const tab of await browser.tabs.query({}))
          if (tab.id !== undefined)
            void browser.tabs.sendMessage(tab.id, command).catch(() => {
              // No content script of ours in that tab.
            });
      } catch (error) {
        console.warn('Flagpost: tabs not told of a change:', error);
      }
    }, delayMs);
  };
}
const tellEscalationChanged = createTabNotifier(escalationChanged);
const tellRiskChanged = createTabNotifier(riskChanged);

const stream = createDecisionStream({
  config: endpointConfig,
  async onEscalation({ escalation }) {
    const applied = await applyRemote(await database(), escalation);
    if (applied?.announce) announce({ row: applied.row, receipt: applied.announce });
    if (applied) tellEscalationChanged();
  },
  async onEnforcement(action) {
    // A creator seen here: their chips and cards show the action (and its score) at once.
    if (await applyEnforcementAction(await database(), action)) tellRiskChanged();
  },
  // What changed while the stream was down: read once, then the stream says the rest.
  async onConnected() {
    await refresh(true, true);
    const config = await endpointConfig();
    if (!config) return;
    const changed = await catchUpEnforcement(await database(), config, {
      timeoutMs: TIMEOUT_MS,
    }).catch((error: unknown) => {
      console.warn('Flagpost enforcement catch-up:', error);
      return [];
    });
    if (changed.length > 0) tellRiskChanged();
  },
  onDropped: (reason) => {
    if (reason !== 'no endpoint configured') console.info('Flagpost event stream:', reason);
  },
});

/** Popups poll every second; the endpoint is asked at most this often. */
const RECEIPTS_EVERY_MS = 3_000;
let lastRefresh = 0;

async function refresh(force = false, evenWhenLive = false): Promise<void> {
  // The stream pushes every change: no need to ask while it is open.
  if (stream.connected() && !evenWhenLive) return;
  if (!force && Date.now() - lastRefresh < RECEIPTS_EVERY_MS) return;
  lastRefresh = Date.now();
  const config = await endpointConfig();
  const db = await database();
  if (!config || !(await awaitingDecision(db))) return;
  try {
    const announcements = await refreshReceipts(db, config, { timeoutMs: TIMEOUT_MS });
    for (const announcement of announcements) announce(announcement);
    if (announcements.length > 0) tellEscalationChanged();
  } catch (error) {
    console.warn('Flagpost escalation receipts:', error);
  }
}

export interface EscalationService {
  lane: EscalationLane;
  /** Alarm and worker start: resume sending, open the event stream, read receipts, warn. */
  wake(): Promise<void>;
  /** Whether receipts are pushed now (the stream is open) rather than polled. */
  live(): boolean;
  /** Stops the lane and closes the event stream (tests). */
  stop(): void;
  handlers: Pick<Handlers, keyof typeof escalationMessages>;
}

export function createEscalationService(): EscalationService {
  let lane: EscalationLane;
  const laneReady = database().then((db) => {
    lane = createEscalationLane({
      db,
      config: endpointConfig,
      timeoutMs: TIMEOUT_MS,
      onChange: () => void showWarning(),
      // "Delivered" is a receipt too: open cards show it at once (lib/page/overlay/card-refresh.ts).
      onDelivered: () => tellEscalationChanged(),
    });
    return lane;
  });
  const proxy: EscalationLane = {
    kick: () => laneReady.then((l) => l.kick()),
    flush: () => laneReady.then((l) => l.flush()),
    stop: () => void laneReady.then((l) => l.stop()),
  };

  return {
    lane: proxy,
    live: () => stream.connected(),
    stop() {
      proxy.stop();
      stream.stop();
    },
    async wake() {
      stream.start();
      await proxy.kick();
      await refresh(true);
      await showWarning();
      // While anything is undelivered or undecided, keep waking (Chrome's minimum: 30 s).
      const db = await database();
      const open =
        (await db.escalations.where('lane').equals('queued').count()) > 0 ||
        (await awaitingDecision(db));
      if (open) await browser.alarms.create(ESCALATION_ALARM, { periodInMinutes: 0.5 });
      else await browser.alarms.clear(ESCALATION_ALARM);
    },
    handlers: {
      async 'escalation.create'(
        { flagId, category, reason, reasonDraft, evidence, snapshot },
        context,
      ) {
        // From the overlay card: the reason its secure field wrote, never seen by the page.
        const typed = reasonDraft ? await takeDraft(reasonDraft, context, true) : reason;
        if (reasonDraft && !typed)
          throw new MessageError('bad-request', t('escalationNeedsReason'));
        const { reviewerId } = await loadSettings();
        const db = await database();
        try {
          checkEscalationRequest({ category, reason: typed });
          // The card's snapshot: the sender's own tab, captured here; its hash goes with the
          // escalation and the lane uploads the image before it (lane.ts). A flag escalated
          // already keeps its escalation, so nothing is captured for it.
          const shot =
            snapshot && (await escalationsForFlag(db, flagId)).length === 0
              ? await captureSnapshot(db, context.sender, snapshot, systemClock())
              : undefined;
          const attached = [...(evidence ?? []), ...(shot?.kept ? [shot.sha256] : [])];
          const row = await escalateFlag(
            db,
            flagId,
            { category, reason: typed, evidence: [...new Set(attached)] },
            { reviewer: reviewerId, clock: systemClock },
          );
          void proxy.kick();
          stream.start();
          // The 30 s warning must appear even if the worker is stopped before then.
          await browser.alarms.create(ESCALATION_ALARM, {
            when: Date.now() + ESCALATION_DELIVERY_WARNING_MS,
            periodInMinutes: 0.5,
          });
          return { ...toEscalationView(row), ...(shot ? { snapshot: shot } : {}) };
        } catch (error) {
          if (error instanceof EscalationInputError)
            throw new MessageError('bad-request', error.message);
          if (error instanceof RecordNotFoundError)
            throw new MessageError('not-found', error.message);
          throw error;
        }
      },
      async 'escalation.forFlag'({ flagId }) {
        const [row] = await escalationsForFlag(await database(), flagId);
        return row ? { escalation: toEscalationView(row) } : {};
      },
      async 'creator.decisions'({ creator }) {
        const db = await database();
        const [rows, cached] = await Promise.all([
          escalationsAboutCreator(db, creator.platform, creator.creatorId),
          cachedHistory(db, creatorKey(creator)),
        ]);
        const decisions = creatorDecisions(
          rows.map((row) => ({
            id: row.id,
            flagId: row.flagId,
            itemId: row.item.itemId,
            category: row.remote?.category ?? row.category,
            reason: row.reason,
            createdAt: row.createdAt,
            state: row.remote?.state ?? (row.lane === 'delivered' ? 'open' : row.lane),
            acknowledgedBy: row.remote?.acknowledgedBy,
            acknowledgedAt: row.remote?.acknowledgedAt,
            resolvedAt: row.remote?.resolvedAt,
            outcome: row.remote?.outcome,
          })),
          cached?.history.enforcementActions ?? [],
        );
        return { decisions: decisions.slice(0, 2000), live: stream.connected() };
      },
      async 'escalation.status'() {
        await refresh();
        await showWarning();
        return currentStatus();
      },
    },
  };
}
