/** Edits the active flag's note (key `n`); saving makes a new revision of the flag. */
import { useEffect, useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import { ModalDialog } from './modal-dialog';

export interface NoteDialogProps {
  open: boolean;
  initial: string;
  onSave(note: string): void;
  onClose(): void;
}

export function NoteDialog({ open, initial, onSave, onClose }: NoteDialogProps) {
  const t = useT();
  const [text, setText] = useState(initial);
  useEffect(() => setText(initial), [initial, open]);
  return (
    <ModalDialog open={open} labelId="note-title" testId="note-dialog" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          onSave(text);
        }}
      >
        <h2 id="note-title">{t('spNoteTitle')}</h2>
        <label for="note-text">{t('spNoteLabel')}</label>
        <textarea
          id="note-text"
          rows={5}
          maxLength={5000}
          value={text}
          // biome-ignore lint/a11y/noAutofocus: the dialog exists to type this note.
          autoFocus
          onInput={(event) => setText(event.currentTarget.value)}
          data-testid="note-text"
        />
        <div class="dialog-buttons">
          <button type="submit">{t('spNoteSave')}</button>
          <button type="button" onClick={onClose}>
            {t('spCancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
