/** What the background does for each message of the message map. */
import { browser } from 'wxt/browser';
import { loadSettings } from '@/lib/background/settings/settings';
import { loadSiteAdapterSpecs } from '@/lib/background/settings/site-adapters-store';
import { isSiteEnabled } from '@/lib/background/settings/site-switch';
import { readTrusted } from '@/lib/background/settings/trusted-store';
import { systemClock } from '@/lib/background/store/clock';
import {
  countLiveFlags,
  createFlag,
  deleteFlag,
  editFlag,
  flagsForItem,
} from '@/lib/background/store/flags-repo';
import { rememberItem } from '@/lib/background/store/items-repo';
import { countLiveNotes, createNote, notesFor } from '@/lib/background/store/notes-repo';
import { RecordNotFoundError } from '@/lib/background/store/records-repo';
import type { MessageKey } from '@/lib/i18n/translate';
import { t } from '@/lib/i18n/translate';
import { MessageError } from '@/lib/messaging/errors';
import type { Handlers } from '@/lib/messaging/router';
import { MANUAL_POLICIES, MANUAL_POLICY_VERSION } from '@/lib/shared/flagging/manual-policies';
import { policyName, ruleName } from '@/lib/shared/policy';
import { creatorKey, type ItemRef, itemKey } from '@/lib/shared/protocol/records';
import { OPEN_OVERLAY_FOR_AUTOMATION_KEY } from '@/lib/shared/settings/local-keys';
import { isPlatformHost } from '@/lib/shared/settings/platform-hosts';
import { createDashboardHandlers } from './dashboard-handlers';
import { database } from './database';
import { createDraftHandlers, takeDraft } from './draft-handlers';
import { escalationViewsForFlags } from './escalation-views';
import type { EscalationService } from './escalations';
import { evaluateItems } from './evaluate-items';
import { createEvidenceHandlers, snapshotForFlag } from './evidence-handlers';
import { messageTemplates } from './message-templates';
import { createPackHandlers } from './pack-handlers';
import { activePack, policyVersionFor } from './policy-engine';
import { reviewerLanguage } from './reviewer-language';
import { createRiskHandlers, createRiskWatchers } from './risk-handlers';
import { createSyncHandlers } from './sync-handlers';
import type { SyncRunner } from './sync-runner';
import { createWorkspaceHandlers } from './workspace-handlers';

/** The active pack's policies, then the manual ones it does not cover ("Other"). */
async function policyChoices() {
  const [pack, language] = await Promise.all([activePack(), reviewerLanguage()]);
  const fromPack = pack.policies.map((p) => ({
    id: p.id,
    title: policyName(p, language),
    severity: p.severity,
    rules: p.rules.map((r) => ({ id: r.id, title: ruleName(r, language) })),
  }));
  const manual = MANUAL_POLICIES.filter((m) => !fromPack.some((p) => p.id === m.id)).map((m) => ({
    id: m.id,
    title: t(m.titleKey as MessageKey),
    severity: m.severity,
  }));
  return [...fromPack, ...manual];
}

function notFound(error: unknown): never {
  if (error instanceof RecordNotFoundError) throw new MessageError('not-found', error.message);
  throw error;
}

/** The creator whose chip a decision on this item's flag changes, if the item names one. */
const creatorOfItem = ({ platform, creatorId }: ItemRef) =>
  creatorId ? [creatorKey({ platform, creatorId })] : [];

async function author() {
  const { reviewerId } = await loadSettings();
  return { reviewer: reviewerId, clock: systemClock };
}

export function createHandlers(runner: SyncRunner, escalations: EscalationService): Handlers {
  // A local decision redraws the chips of the tabs showing that creator, as a history does.
  const riskWatchers = createRiskWatchers();
  return {
    ...escalations.handlers,
    ...createSyncHandlers(runner),
    ...createRiskHandlers(runner, riskWatchers),
    ...createWorkspaceHandlers(runner, () => riskWatchers.decidedAny()),
    ...createDashboardHandlers(runner),
    ...createPackHandlers(),
    ...createEvidenceHandlers(),
    ...createDraftHandlers(),
    async 'item.state'({ item, creator }) {
      const db = await database();
      await rememberItem(db, item, creator, systemClock);
      const key = itemKey(item);
      const [flags, notes] = await Promise.all([flagsForItem(db, key), notesFor(db, key)]);
      const escalations = await escalationViewsForFlags(
        db,
        flags.map((f) => f.id),
      );
      return { flags, notes, escalations };
    },

    'items.evaluate': evaluateItems,

    async 'policy.choices'() {
      return { policies: await policyChoices() };
    },

    async 'page.setup'({ host }, { sender }) {
      const [enabled, policies, adapters, automation, settings] = await Promise.all([
        isSiteEnabled(host),
        policyChoices(),
        loadSiteAdapterSpecs(),
        readTrusted(OPEN_OVERLAY_FOR_AUTOMATION_KEY),
        loadSettings(),
      ]);
      const open = automation === true;
      // The page's host as the browser reports the sender, never as the message says.
      const senderHost = sender.url && URL.canParse(sender.url) ? new URL(sender.url).hostname : '';
      return {
        platform: isPlatformHost(senderHost, settings.platformHosts),
        enabled,
        policies,
        adapters,
        messages: await messageTemplates(settings.language),
        language: settings.language,
        overlayRoot: open ? 'open' : 'closed',
      };
    },

    async 'flag.create'({ snapshot, noteDraft, ...fields }, context) {
      // From an overlay: the note its secure field wrote, never seen by the content script.
      const request = noteDraft
        ? { ...fields, note: await takeDraft(noteDraft, context, true) }
        : fields;
      const db = await database();
      // The version of the pack the policy came from, so a flag says which rules judged it.
      const fromPack = await policyVersionFor(request.policyId);
      const manual = MANUAL_POLICIES.some((policy) => policy.id === request.policyId);
      const policyVersion = fromPack ?? (manual ? MANUAL_POLICY_VERSION : 'unknown');
      const kept = await snapshotForFlag(snapshot, request.item, context, systemClock());
      const evidence = [...request.evidence.slice(0, 50 - kept.evidence.length), ...kept.evidence];
      const flag = await createFlag(db, { ...request, evidence, policyVersion }, await author());
      runner.soon();
      riskWatchers.decided(creatorOfItem(flag.item));
      return kept.outcome ? { ...flag, snapshot: kept.outcome } : flag;
    },

    async 'flag.update'({ id, ...edit }) {
      const flag = await editFlag(await database(), id, edit, await author()).catch(notFound);
      runner.soon();
      riskWatchers.decided(creatorOfItem(flag.item));
      return flag;
    },

    async 'flag.delete'({ id }) {
      const flag = await deleteFlag(await database(), id, await author()).catch(notFound);
      runner.soon();
      riskWatchers.decided(creatorOfItem(flag.item));
      return flag;
    },

    async 'note.create'(request, context) {
      const { target } = request;
      // From an overlay: the text its secure field wrote, never seen by the content script.
      const text = 'draft' in request ? await takeDraft(request.draft, context) : request.text;
      const db = await database();
      const note = await createNote(db, target, text, await author());
      runner.soon();
      return note;
    },

    async 'stats.get'() {
      const db = await database();
      const [flags, notes, items, creators] = await Promise.all([
        countLiveFlags(db),
        countLiveNotes(db),
        db.items.count(),
        db.creators.count(),
      ]);
      return { flags, notes, items, creators };
    },
  };
}

export const identity = () => ({ id: browser.runtime.id, origin: browser.runtime.getURL('/') });
