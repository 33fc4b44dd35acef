/**
 * Bulk actions on the selection: a reason is required (it is kept with each flag and in the
 * undo record), then confirm, dismiss, delete or sync now; and undo of the last action.
 */
import { useRef, useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import type { BulkActionView, UndoSummaryView } from '@/lib/messaging/workspace-messages';

export interface BulkBarProps {
  selectedCount: number;
  allMatching: boolean;
  matching: number;
  busy: boolean;
  undo?: UndoSummaryView | undefined;
  formatCount(n: number): string;
  /** A bulk action's name in the UI language (the undo line names the last one). */
  actionName?(action: string): string;
  onSelectAllMatching(): void;
  onClearSelection(): void;
  onAction(action: BulkActionView, reason: string): void;
  onUndo(): void;
}

const ACTIONS: ReadonlyArray<{
  action: BulkActionView;
  key: 'spBulkConfirm' | 'spBulkDismiss' | 'spBulkDelete' | 'spBulkSync';
}> = [
  { action: 'confirm', key: 'spBulkConfirm' },
  { action: 'dismiss', key: 'spBulkDismiss' },
  { action: 'delete', key: 'spBulkDelete' },
  { action: 'sync', key: 'spBulkSync' },
];

export function BulkBar(props: BulkBarProps) {
  const t = useT();
  const [reason, setReason] = useState('');
  const reasonInput = useRef<HTMLInputElement>(null);
  const [missingReason, setMissingReason] = useState(false);
  const none = props.selectedCount === 0;

  const run = (action: BulkActionView) => {
    if (!reason.trim()) {
      setMissingReason(true);
      reasonInput.current?.focus();
      return;
    }
    setMissingReason(false);
    props.onAction(action, reason.trim());
  };

  return (
    <section class="bulk" aria-labelledby="bulk-heading" data-testid="bulk-bar">
      <h2 id="bulk-heading" class="visually-hidden">
        {t('spBulkHeading')}
      </h2>
      <p class="bulk-count" data-testid="selected-count">
        {props.allMatching
          ? t('spSelectedAll', props.formatCount(props.matching))
          : t('spSelectedSome', props.formatCount(props.selectedCount))}
      </p>
      <div class="bulk-row">
        <button type="button" onClick={props.onSelectAllMatching} disabled={props.matching === 0}>
          {t('spSelectAllMatching')}
        </button>
        <button type="button" onClick={props.onClearSelection} disabled={none}>
          {t('spClearSelection')}
        </button>
      </div>
      <label class="bulk-reason" for="bulk-reason">
        {t('spBulkReason')}
      </label>
      <input
        id="bulk-reason"
        ref={reasonInput}
        type="text"
        value={reason}
        maxLength={500}
        required
        aria-invalid={missingReason}
        aria-describedby={missingReason ? 'bulk-reason-error' : undefined}
        onInput={(event) => setReason(event.currentTarget.value)}
        data-testid="bulk-reason"
      />
      {missingReason && (
        <p id="bulk-reason-error" class="error" role="alert">
          {t('spBulkReasonRequired')}
        </p>
      )}
      <div class="bulk-row">
        {ACTIONS.map(({ action, key }) => (
          <button
            key={action}
            type="button"
            disabled={none || props.busy}
            onClick={() => run(action)}
            data-testid={`bulk-${action}`}
          >
            {t(key)}
          </button>
        ))}
      </div>
      {props.undo && (
        <p class="undo" data-testid="undo">
          {t('spUndoAvailable', [
            props.actionName?.(props.undo.action) ?? props.undo.action,
            props.formatCount(props.undo.count),
            props.undo.reason,
          ])}{' '}
          <button
            type="button"
            onClick={props.onUndo}
            disabled={props.busy}
            data-testid="undo-button"
          >
            {t('spUndo')}
          </button>
        </p>
      )}
    </section>
  );
}
