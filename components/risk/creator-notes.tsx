/** This reviewer's notes on the creator: add, edit, delete (each a synced revision). */
import { useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import { NoteForm } from '@/components/overlay/note-form';
import type { TimelineEntry } from '@/lib/messaging/risk-messages';
import { shortDate } from './labels';

type NoteEntry = Extract<TimelineEntry, { kind: 'note' }>;

export interface CreatorNotesProps {
  notes: readonly NoteEntry[];
  onCreate: (text: string) => Promise<void>;
  onEdit: (id: string, text: string) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
}

function EditableNote(props: { note: NoteEntry } & Omit<CreatorNotesProps, 'notes' | 'onCreate'>) {
  const t = useT();
  const [draft, setDraft] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
      setDraft(undefined);
    } finally {
      setBusy(false);
    }
  };
  const { note } = props;
  return (
    <li data-testid="creator-note" data-id={note.id}>
      <time dateTime={note.at}>{shortDate(note.at)}</time>
      {draft === undefined ? (
        <>
          <div class="note-text">{note.text}</div>
          <div class="row">
            <button type="button" disabled={busy} onClick={() => setDraft(note.text)}>
              {t('riskNoteEdit')}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => run(() => props.onDelete(note.id))}
            >
              {t('riskNoteDelete')}
            </button>
          </div>
        </>
      ) : (
        <form
          class="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (draft.trim()) void run(() => props.onEdit(note.id, draft.trim()));
          }}
        >
          <textarea
            aria-label={t('riskNoteEditLabel')}
            rows={3}
            maxLength={5000}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <div class="row">
            <button type="submit" class="primary" disabled={busy || !draft.trim()}>
              {busy ? t('saving') : t('riskNoteSave')}
            </button>
            <button type="button" onClick={() => setDraft(undefined)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

export function CreatorNotes(props: CreatorNotesProps) {
  const t = useT();
  const [adding, setAdding] = useState(false);
  return (
    <div data-testid="creator-notes">
      {props.notes.length === 0 ? (
        <p class="muted">{t('riskNotesEmpty')}</p>
      ) : (
        <ul class="creator-notes">
          {props.notes.map((note) => (
            <EditableNote
              key={note.id}
              note={note}
              onEdit={props.onEdit}
              onDelete={props.onDelete}
            />
          ))}
        </ul>
      )}
      {adding ? (
        <NoteForm
          onSubmit={async (text) => {
            await props.onCreate(text);
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <button type="button" class="primary" onClick={() => setAdding(true)}>
          {t('riskNoteAdd')}
        </button>
      )}
    </div>
  );
}
