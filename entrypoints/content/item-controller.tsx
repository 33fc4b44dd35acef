/**
 * Connects one item's overlay to the background. What is stored about the item (flags,
 * notes, its flags' escalations) is loaded when the reviewer opens the card, not for every
 * item on the page; the badge meanwhile shows the policy checks, which arrive in batches
 * (see page-view.tsx). While the card is open it is read again at once when the background
 * says an escalation changed (a receipt, a lead's decision: lib/page/overlay/card-refresh.ts),
 * and, while something on it is still on its way, polled as a fallback (`liveEvery`: quick
 * while a flag waits to sync, slow while only an escalation is undecided), so "waiting to
 * sync" turns into "synced" and a lead's acknowledgement appears without reopening the card.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { decisionOf } from '@/components/overlay/badge-summary';
import type { FindingsState, OverlayFinding } from '@/components/overlay/finding-list';
import { ItemOverlay } from '@/components/overlay/item-overlay';
import type { TriageKey } from '@/components/overlay/triage-keys';
import { formats } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/translate';
import { send } from '@/lib/messaging/client';
import type { EscalationView } from '@/lib/messaging/escalation-messages';
import type { SnapshotOutcome } from '@/lib/messaging/evidence-messages';
import type { FlagView, ItemState, PolicyChoice } from '@/lib/messaging/message-map';
import { liveEvery } from '@/lib/page/overlay/card-refresh';
import type { CreatorRisk } from '@/lib/page/overlay/risk-queue';
import type { Creator, ItemRef } from '@/lib/shared/protocol/records';
import { toWireText } from '@/lib/shared/protocol/wire-text';
import { SecureNoteField } from './secure-field';
import type { PreparedSnapshot } from './snapshot-area';

export interface ItemControllerProps {
  item: ItemRef;
  creator: Creator | undefined;
  policies: PolicyChoice[];
  findings: FindingsState;
  /** Flags recorded on the item as the last policy check found them, until the card loads. */
  initialFlags?: FlagView[] | undefined;
  /** The creator's risk, once known: drawn as a chip beside the badge. */
  risk?: CreatorRisk | undefined;
  /** Changes when the card must open and take focus (keyboard command, j/k). */
  openRequest?: number;
  onStep?: (direction: 1 | -1) => boolean;
  /** The next key held for the card since j/k selected it (key-handoff.ts). */
  takeKey?: () => TriageKey | undefined;
  /** Hides the overlay and measures the item for a snapshot (see snapshot-area.ts). */
  prepareSnapshot?: () => Promise<PreparedSnapshot>;
  /** While the card is open: reload it when an escalation changes (card-refresh.ts). */
  watchEscalations?: (reload: () => void) => () => void;
}

const MAX_EVIDENCE = 50;

/** A capture records what the reviewer saw, or the card says it may not. */
const snapshotNotice = (kept: SnapshotOutcome | undefined, changed: boolean) =>
  kept?.kept === false ? kept.reason : kept?.kept && changed ? t('evidencePageChanged') : undefined;

type Escalations = Readonly<Record<string, EscalationView>>;

/** The automatic flag recording a finding, as it is sent (evidence made storable). */
const autoFlag = (item: ItemRef, finding: OverlayFinding, status: 'confirmed' | 'dismissed') => ({
  item,
  policyId: finding.policyId,
  ruleId: finding.ruleId,
  severity: finding.severity,
  source: 'auto' as const,
  status,
  // Evidence quotes page text: made storable, so a NUL in the page cannot stop the
  // reviewer recording the finding (offsets still index the page).
  evidence: finding.evidence
    .slice(0, MAX_EVIDENCE)
    .map((e) => ({ ...e, text: toWireText(e.text) })),
});

export function ItemController({
  item,
  creator,
  policies,
  findings,
  initialFlags,
  risk,
  openRequest,
  onStep,
  takeKey,
  prepareSnapshot,
  watchEscalations,
}: ItemControllerProps) {
  const [notice, setNotice] = useState<string>();
  const [state, setState] = useState<ItemState>();
  const [error, setError] = useState<string>();
  // Saves in flight: keys pressed quickly start several, and the card is busy until all end.
  const [saving, setSaving] = useState(0);
  /** The open note field's draft (secure-field.tsx): the note is saved from it. */
  const draft = useRef<string | undefined>(undefined);
  const flagDraft = useRef<string | undefined>(undefined);
  const reasonDraft = useRef<string | undefined>(undefined);
  const [escalations, setEscalations] = useState<Escalations>({});
  const [open, setOpen] = useState(false);

  // Reloads overlap (the card opening, the live poll, a save's own reload): only the one
  // asked last may set the state, or an answer read before a save lands after it and a key
  // queued behind the save acts on the finding the save just decided.
  const reloads = useRef(0);
  const reload = async () => {
    const asked = ++reloads.current;
    try {
      const next = await send('item.state', { item, ...(creator ? { creator } : {}) });
      // The item's state carries its flags' escalations; a background without them is asked
      // flag by flag.
      const views =
        next.escalations ??
        (
          await Promise.all(
            next.flags
              .filter((flag) => !flag.deleted && flag.status !== 'suggested')
              .map((flag) => send('escalation.forFlag', { flagId: flag.id })),
          )
        ).flatMap(({ escalation }) => (escalation ? [escalation] : []));
      const byFlag: Record<string, EscalationView> = {};
      for (const view of views) byFlag[view.flagId] = view;
      if (asked !== reloads.current) return;
      setState(next);
      setEscalations(byFlag);
      setError(undefined);
    } catch (e) {
      if (asked === reloads.current) setError(e instanceof Error ? e.message : String(e));
    }
  };

  const run = async (action: () => Promise<unknown>) => {
    setSaving((n) => n + 1);
    try {
      await action();
      await reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving((n) => n - 1);
    }
  };

  const flags = state?.flags ?? initialFlags ?? [];
  const every = open && state !== undefined ? liveEvery(state.flags, escalations) : undefined;
  useEffect(() => {
    if (every === undefined) return;
    const timer = setInterval(() => void reload(), every);
    return () => clearInterval(timer);
  }, [every]);
  // The background's word that an escalation changed reloads the open card at once.
  const latestReload = useRef(reload);
  latestReload.current = reload;
  useEffect(() => {
    if (!open || !watchEscalations) return;
    return watchEscalations(() => void latestReload.current());
  }, [open, watchEscalations]);
  return (
    <ItemOverlay
      itemId={item.itemId}
      summary={[item.creatorHandle && `@${item.creatorHandle}`, item.title].filter(
        (part): part is string => Boolean(part),
      )}
      flags={flags}
      notes={state?.notes ?? []}
      findings={findings}
      policies={policies}
      // Until the item's flags are known, a decision could duplicate one already recorded.
      busy={saving > 0 || !state}
      {...(error ? { error } : {})}
      onFlag={({ snapshot, ...draft }) =>
        run(async () => {
          const shot = snapshot && prepareSnapshot ? await prepareSnapshot() : undefined;
          let changed = false;
          let created: Awaited<ReturnType<typeof send<'flag.create'>>>;
          try {
            const noteDraft = flagDraft.current;
            created = await send('flag.create', {
              item,
              ...draft,
              ...(noteDraft ? { noteDraft } : {}),
              ...(shot ? { snapshot: shot.ask } : {}),
            });
          } finally {
            changed = shot?.restore() ?? false;
          }
          setNotice(snapshotNotice(created.snapshot, changed));
        })
      }
      notice={notice}
      {...(openRequest ? { openRequest } : {})}
      {...(onStep ? { onStep } : {})}
      {...(takeKey ? { takeKey } : {})}
      onNote={(text) =>
        run(() => {
          const target = { type: 'item' as const, item };
          const ticket = draft.current;
          return send('note.create', ticket ? { target, draft: ticket } : { target, text });
        })
      }
      noteField={() => (
        <SecureNoteField
          item={item}
          purpose="note"
          onTicket={(ticket) => {
            draft.current = ticket;
          }}
          onError={setError}
        />
      )}
      flagNoteField={() => (
        <SecureNoteField
          item={item}
          purpose="flag-note"
          onTicket={(ticket) => {
            flagDraft.current = ticket;
          }}
          onError={setError}
        />
      )}
      onDecide={(finding, status) => {
        const decided = decisionOf(finding, flags);
        void run(() =>
          decided
            ? send('flag.update', { id: decided.id, status })
            : send('flag.create', autoFlag(item, finding, status)),
        );
      }}
      escalations={escalations}
      formatTime={(iso) => formats().dateTime(iso)}
      onEscalate={async (target, { category, reason, snapshot }) => {
        setSaving((n) => n + 1);
        try {
          // A finding is escalated through its flag: the one deciding it, confirmed first
          // if it was dismissed, or a new confirmed one.
          let flagId: string;
          if (target.kind === 'flag') flagId = target.flag.id;
          else {
            const decided = decisionOf(target.finding, flags);
            if (decided?.status === 'confirmed') flagId = decided.id;
            else if (decided)
              flagId = (await send('flag.update', { id: decided.id, status: 'confirmed' })).id;
            else
              flagId = (await send('flag.create', autoFlag(item, target.finding, 'confirmed'))).id;
          }
          const ticket = reasonDraft.current;
          // As for a flag: the overlay hidden, the item measured here, the tab captured by
          // the background (the page neither sees the choice nor supplies the image).
          const shot = snapshot && prepareSnapshot ? await prepareSnapshot() : undefined;
          let changed = false;
          let escalated: Awaited<ReturnType<typeof send<'escalation.create'>>>;
          try {
            escalated = await send('escalation.create', {
              flagId,
              category,
              ...(ticket ? { reasonDraft: ticket } : { reason }),
              ...(shot ? { snapshot: shot.ask } : {}),
            });
          } finally {
            changed = shot?.restore() ?? false;
          }
          setNotice(snapshotNotice(escalated.snapshot, changed));
        } finally {
          await reload();
          setSaving((n) => n - 1);
        }
      }}
      escalateField={() => (
        <SecureNoteField
          item={item}
          purpose="escalation-reason"
          onTicket={(ticket) => {
            reasonDraft.current = ticket;
          }}
          onError={setError}
        />
      )}
      onOpenChange={setOpen}
      onOpen={() => void reload()}
      {...(risk
        ? {
            risk,
            onOpenCreator: () =>
              void send('creator.open', {
                creator: { platform: risk.platform, creatorId: risk.creatorId },
              }),
          }
        : {})}
    />
  );
}
