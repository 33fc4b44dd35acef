/**
 * Escalate from the card: a category and a reason, both required. The reason is typed in
 * the overlay's secure field (a frame the page cannot listen to, passed in as `field`), so
 * the form cannot see it: the background refuses an empty one with its own message. A
 * missing category is refused here, before anything is sent. A snapshot of the item is
 * offered as the flag form offers it (off until the reviewer ticks it); the box sits in the
 * card's closed shadow root, out of the page's reach, and the capture is the extension's.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useCategoryLabel } from '@/components/escalation/escalation-receipts';
import { useT } from '@/components/i18n-context';
import { ESCALATION_CATEGORIES, MAX_ESCALATION_REASON } from '@/lib/shared/protocol/vocabulary';
import { FormActions, SnapshotBox, submitOnSaveChord, TextField } from './form-parts';

export interface EscalateDraft {
  category: string;
  /** The reason as typed here; '' when `field` holds it instead. */
  reason: string;
  /** Keep a snapshot of the item as the reviewer sees it and attach it (as the flag form). */
  snapshot: boolean;
}

export function EscalateForm(props: {
  /** What is escalated (a finding's or a flag's policy), shown at the top. */
  subject: string;
  /** The category the form starts with (an emergency policy's proposal names one). */
  initialCategory?: string | undefined;
  field?: ComponentChildren;
  onSubmit: (draft: EscalateDraft) => Promise<void>;
  onCancel: () => void;
}) {
  const t = useT();
  const label = useCategoryLabel();
  const [category, setCategory] = useState(props.initialCategory ?? '');
  const [reason, setReason] = useState('');
  const [snapshot, setSnapshot] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="form"
      data-testid="escalate-form"
      noValidate
      onKeyDown={submitOnSaveChord}
      onSubmit={async (event) => {
        event.preventDefault();
        if (!category) return setProblem(t('escalationNeedsCategory'));
        if (!props.field && !reason.trim()) return setProblem(t('escalationNeedsReason'));
        setProblem(undefined);
        setBusy(true);
        try {
          await props.onSubmit({
            category,
            reason: props.field ? '' : reason.trim(),
            snapshot,
          });
        } catch (error) {
          setProblem(error instanceof Error ? error.message : String(error));
        } finally {
          setBusy(false);
        }
      }}
    >
      <strong>{t('escalationDialogTitle')}</strong>
      <p class="muted" data-testid="escalate-subject">
        <bdi>{props.subject}</bdi>
      </p>
      <label>
        {t('escalationCategoryLabel')}
        <select
          name="category"
          value={category}
          aria-invalid={problem !== undefined && !category}
          onChange={(e) => setCategory(e.currentTarget.value)}
        >
          <option value="">{t('escalationChooseCategory')}</option>
          {ESCALATION_CATEGORIES.map((id) => (
            <option key={id} value={id}>
              {label(id)}
            </option>
          ))}
        </select>
      </label>
      <TextField
        label={t('escalationReasonLabel')}
        name="reason"
        rows={3}
        maxLength={MAX_ESCALATION_REASON}
        value={reason}
        onInput={setReason}
        field={props.field}
      />
      <SnapshotBox checked={snapshot} onChange={setSnapshot} />
      {problem && (
        <p class="error" role="alert" data-testid="escalate-error">
          {problem}
        </p>
      )}
      <FormActions submitLabel={t('escalationSubmit')} busy={busy} onCancel={props.onCancel} />
    </form>
  );
}
