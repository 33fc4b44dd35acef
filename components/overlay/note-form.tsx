import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import { isSaveChord } from './triage-keys';

export function NoteForm(props: {
  /** The text as typed here; '' when `field` holds it instead. */
  onSubmit: (text: string) => Promise<void>;
  onCancel: () => void;
  /**
   * A field that keeps its text to itself (the overlay's frame, which the page cannot
   * listen to): shown instead of the textarea, and the form submits without the text.
   */
  field?: ComponentChildren;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="form"
      data-testid="note-form"
      onKeyDown={(event) => {
        if (!isSaveChord(event)) return;
        event.preventDefault();
        event.currentTarget.requestSubmit();
      }}
      onSubmit={async (event) => {
        event.preventDefault();
        if (!props.field && !text.trim()) return;
        setBusy(true);
        try {
          await props.onSubmit(text.trim());
        } finally {
          setBusy(false);
        }
      }}
    >
      {props.field ?? (
        <label>
          {t('noteText')}
          <textarea
            name="note"
            rows={3}
            maxLength={5000}
            required
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
      )}
      <div class="row actions">
        <button type="submit" class="primary" disabled={busy || (!props.field && !text.trim())}>
          {busy ? t('saving') : t('noteSubmit')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
