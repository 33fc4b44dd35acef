/**
 * The pieces the card's flag and escalate forms share: the save chord, the free-text field
 * (a textarea, or the overlay's secure field passed in), the snapshot box and the
 * submit/cancel row. Each form keeps its own state and its own checks.
 */
import type { ComponentChildren, TargetedKeyboardEvent } from 'preact';
import { useT } from '@/components/i18n-context';
import { isSaveChord } from './triage-keys';

/** Ctrl+Enter (Cmd+Enter) saves from any of the form's own fields. */
export function submitOnSaveChord(event: TargetedKeyboardEvent<HTMLFormElement>): void {
  if (!isSaveChord(event)) return;
  event.preventDefault();
  event.currentTarget.requestSubmit();
}

/** A labelled free-text field: the textarea, or `field` (a frame the page cannot read) in its place. */
export function TextField(props: {
  label: string;
  name: string;
  rows: number;
  maxLength: number;
  value: string;
  onInput: (value: string) => void;
  field?: ComponentChildren;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the textarea or the secure field's frame (entrypoints/content/secure-field.tsx), passed in.
    <label>
      {props.label}
      {props.field ?? (
        <textarea
          name={props.name}
          rows={props.rows}
          maxLength={props.maxLength}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </label>
  );
}

/** Keep a snapshot of the item as the reviewer sees it (off until ticked). */
export function SnapshotBox(props: { checked: boolean; onChange: (checked: boolean) => void }) {
  const t = useT();
  return (
    <label class="inline">
      <input
        name="snapshot"
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      {t('flagSnapshot')}
    </label>
  );
}

/** Submit (showing "saving" while busy) and cancel. */
export function FormActions(props: {
  submitLabel: string;
  busy: boolean;
  disabled?: boolean;
  onCancel: () => void;
}) {
  const t = useT();
  return (
    <div class="row actions">
      <button type="submit" class="primary" disabled={props.busy || props.disabled}>
        {props.busy ? t('saving') : props.submitLabel}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
