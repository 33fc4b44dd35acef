/**
 * Connects one item's overlay to the background. What is stored about the item (flags,
 * notes) is loaded when the reviewer opens the card, not for every item on the page; the
 * badge meanwhile shows the policy checks, which arrive in batches (see page-view.tsx).
 */
import { useRef, useState } from 'preact/hooks';
import { decisionOf } from '@/components/overlay/badge-summary';
import type { FindingsState } from '@/components/overlay/finding-list';
import { ItemOverlay } from '@/components/overlay/item-overlay';
import { t } from '@/lib/i18n/translate';
import { send } from '@/lib/messaging/client';
import type { FlagView, ItemState, PolicyChoice } from '@/lib/messaging/message-map';
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
  onStep?: (direction: 1 | -1) => void;
  /** Hides the overlay and measures the item for a snapshot (see snapshot-area.ts). */
  prepareSnapshot?: () => Promise<PreparedSnapshot>;
}

const MAX_EVIDENCE = 50;

export function ItemController({
  item,
  creator,
  policies,
  findings,
  initialFlags,
  risk,
  openRequest,
  onStep,
  prepareSnapshot,
}: ItemControllerProps) {
  const [notice, setNotice] = useState<string>();
  const [state, setState] = useState<ItemState>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  /** The open note field's draft (secure-field.tsx): the note is saved from it. */
  const draft = useRef<string | undefined>(undefined);
  const flagDraft = useRef<string | undefined>(undefined);

  const reload = async () => {
    try {
      setState(await send('item.state', { item, ...(creator ? { creator } : {}) }));
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const run = async (action: () => Promise<unknown>) => {
    setSaving(true);
    try {
      await action();
      await reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const flags = state?.flags ?? initialFlags ?? [];
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
      busy={saving || !state}
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
          // A capture records what the reviewer saw, or the card says it may not.
          const kept = created.snapshot;
          setNotice(
            kept?.kept === false
              ? kept.reason
              : kept?.kept && changed
                ? t('evidencePageChanged')
                : undefined,
          );
        })
      }
      notice={notice}
      {...(openRequest ? { openRequest } : {})}
      {...(onStep ? { onStep } : {})}
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
            : send('flag.create', {
                item,
                policyId: finding.policyId,
                ruleId: finding.ruleId,
                severity: finding.severity,
                source: 'auto',
                status,
                // Evidence quotes page text: made storable, so a NUL in the page cannot
                // stop the reviewer recording the finding (offsets still index the page).
                evidence: finding.evidence
                  .slice(0, MAX_EVIDENCE)
                  .map((e) => ({ ...e, text: toWireText(e.text) })),
              }),
        );
      }}
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
