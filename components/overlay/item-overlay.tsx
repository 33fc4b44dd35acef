/**
 * The overlay on one content item: a badge that opens a card listing the item's flags and
 * notes, with Flag and Note actions. Every page-derived string is rendered as a text node
 * by Preact; nothing here builds HTML from strings.
 */
import { useState } from 'preact/hooks';
import { useT } from '../i18n-context';
import {
  type FlagDraft,
  FlagForm,
  type PolicyOption,
  type Severity,
  severityKey,
} from './flag-form';
import { NoteForm } from './note-form';

export interface OverlayFlag {
  id: string;
  policyId: string;
  severity: Severity;
  status: 'suggested' | 'confirmed' | 'dismissed';
  note: string;
  syncState: 'pending' | 'synced' | 'stale' | 'rejected' | 'discarded';
  syncError?: string;
}
export interface OverlayNote {
  id: string;
  text: string;
}

export interface ItemOverlayProps {
  itemId: string;
  flags: OverlayFlag[];
  notes: OverlayNote[];
  policies: PolicyOption[];
  error?: string;
  onFlag: (draft: FlagDraft) => Promise<void>;
  onNote: (text: string) => Promise<void>;
  /** The card was opened: a chance to refresh what may have changed (e.g. sync state). */
  onOpen?: () => void;
}

const SYNC_KEYS = {
  pending: 'syncStatePending',
  synced: 'syncStateSynced',
  stale: 'syncStateStale',
  rejected: 'syncStateRejected',
  discarded: 'syncStateDiscarded',
} as const;

type Mode = 'closed' | 'open' | 'flag' | 'note';

export function ItemOverlay(props: ItemOverlayProps) {
  const t = useT();
  const [mode, setMode] = useState<Mode>('closed');
  const titleOf = (id: string) => props.policies.find((p) => p.id === id)?.title ?? id;
  const cardId = `flagpost-card-${props.itemId}`;

  return (
    <div class="overlay" data-testid="item-overlay" data-item-id={props.itemId}>
      <button
        type="button"
        class={`badge${props.flags.length ? ' has-flags' : ''}`}
        data-testid="badge"
        aria-label={t('overlayBadgeLabel')}
        aria-expanded={mode !== 'closed'}
        aria-controls={cardId}
        onClick={() => {
          if (mode === 'closed') props.onOpen?.();
          setMode(mode === 'closed' ? 'open' : 'closed');
        }}
      >
        {props.flags.length
          ? t('overlayBadgeCount', String(props.flags.length))
          : t('overlayBadgeText')}
      </button>
      {mode !== 'closed' && (
        <section class="card" id={cardId} role="dialog" aria-label={t('overlayCardTitle')}>
          <header class="row spread">
            <strong>{t('overlayCardTitle')}</strong>
            <button
              type="button"
              class="plain"
              aria-label={t('overlayClose')}
              onClick={() => setMode('closed')}
            >
              ×
            </button>
          </header>
          <h2>{t('overlayFlags')}</h2>
          {props.flags.length === 0 ? (
            <p class="muted">{t('overlayNoFlags')}</p>
          ) : (
            <ul data-testid="flag-list">
              {props.flags.map((flag) => (
                <li key={flag.id} data-testid="flag" data-policy={flag.policyId}>
                  <span class={`sev sev-${flag.severity}`}>{t(severityKey(flag.severity))}</span>{' '}
                  {titleOf(flag.policyId)}
                  {flag.note && <div class="muted">{flag.note}</div>}
                  <div
                    class={`sync sync-${flag.syncState}`}
                    data-testid="sync-state"
                    data-state={flag.syncState}
                  >
                    {t(SYNC_KEYS[flag.syncState], flag.syncError ?? '')}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <h2>{t('overlayNotes')}</h2>
          {props.notes.length === 0 ? (
            <p class="muted">{t('overlayNoNotes')}</p>
          ) : (
            <ul data-testid="note-list">
              {props.notes.map((note) => (
                <li key={note.id} data-testid="note">
                  {note.text}
                </li>
              ))}
            </ul>
          )}
          {props.error && (
            <p class="error" role="alert">
              {t('errorPrefix', props.error)}
            </p>
          )}
          {mode === 'flag' && (
            <FlagForm
              policies={props.policies}
              onCancel={() => setMode('open')}
              onSubmit={async (draft) => {
                await props.onFlag(draft);
                setMode('open');
              }}
            />
          )}
          {mode === 'note' && (
            <NoteForm
              onCancel={() => setMode('open')}
              onSubmit={async (text) => {
                await props.onNote(text);
                setMode('open');
              }}
            />
          )}
          {mode === 'open' && (
            <div class="row">
              <button type="button" class="primary" onClick={() => setMode('flag')}>
                {t('overlayFlagAction')}
              </button>
              <button type="button" onClick={() => setMode('note')}>
                {t('overlayNoteAction')}
              </button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
