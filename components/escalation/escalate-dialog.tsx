/**
 * Escalate the active flag to a lead: a category and a reason are required (the form does
 * not submit without them, and the background checks again), and the item's evidence
 * snapshot is offered, attached by default when there is one.
 */
import { useEffect, useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import { ModalDialog } from '@/components/sidepanel/modal-dialog';
import { ESCALATION_CATEGORIES, MAX_ESCALATION_REASON } from '@/lib/shared/protocol/escalations';
import { useCategoryLabel } from './escalation-receipts';

export interface EscalateRequest {
  category: string;
  reason: string;
  evidence: string[];
}

export interface EscalateDialogProps {
  open: boolean;
  /** The flag's evidence snapshot (SHA-256), when it has one. */
  snapshot?: string | undefined;
  /** Why the last attempt was refused, shown in the dialog. */
  error?: string | undefined;
  onSubmit(request: EscalateRequest): void;
  onClose(): void;
}

export function EscalateDialog({ open, snapshot, error, onSubmit, onClose }: EscalateDialogProps) {
  const t = useT();
  const label = useCategoryLabel();
  const [category, setCategory] = useState('');
  const [reason, setReason] = useState('');
  const [attach, setAttach] = useState(true);
  useEffect(() => {
    if (!open) return;
    setCategory('');
    setReason('');
    setAttach(true);
  }, [open]);
  return (
    <ModalDialog open={open} labelId="escalate-title" testId="escalate-dialog" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit({ category, reason, evidence: snapshot && attach ? [snapshot] : [] });
        }}
      >
        <h2 id="escalate-title">{t('escalationDialogTitle')}</h2>
        <label for="escalate-category">{t('escalationCategoryLabel')}</label>
        <select
          id="escalate-category"
          required
          value={category}
          onChange={(event) => setCategory(event.currentTarget.value)}
          data-testid="escalate-category"
        >
          <option value="">{t('escalationChooseCategory')}</option>
          {ESCALATION_CATEGORIES.map((id) => (
            <option key={id} value={id}>
              {label(id)}
            </option>
          ))}
        </select>
        <label for="escalate-reason">{t('escalationReasonLabel')}</label>
        <textarea
          id="escalate-reason"
          rows={4}
          required
          maxLength={MAX_ESCALATION_REASON}
          value={reason}
          onInput={(event) => setReason(event.currentTarget.value)}
          data-testid="escalate-reason"
        />
        {snapshot && (
          <label>
            <input
              type="checkbox"
              checked={attach}
              onChange={(event) => setAttach(event.currentTarget.checked)}
              data-testid="escalate-evidence"
            />{' '}
            {t('escalationEvidenceLabel')}
          </label>
        )}
        {error && (
          <p class="error" role="alert" data-testid="escalate-error">
            {error}
          </p>
        )}
        <div class="dialog-buttons">
          <button type="submit" data-testid="escalate-submit">
            {t('escalationSubmit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('escalationCancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
