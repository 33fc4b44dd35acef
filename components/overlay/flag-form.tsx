import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import { FormActions, SnapshotBox, submitOnSaveChord, TextField } from './form-parts';

export interface PolicyOption {
  id: string;
  title: string;
  severity: Severity;
}
export type Severity = 'low' | 'medium' | 'high' | 'critical';
export interface FlagDraft {
  policyId: string;
  severity: Severity;
  note: string;
  /** Keep a snapshot of the item as the reviewer sees it (evidence capture). */
  snapshot?: boolean;
}

const SEVERITY_KEYS = {
  low: 'severityLow',
  medium: 'severityMedium',
  high: 'severityHigh',
  critical: 'severityCritical',
} as const;
export const SEVERITY_ORDER: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
export const severityKey = (severity: Severity) => SEVERITY_KEYS[severity];

export function FlagForm(props: {
  policies: PolicyOption[];
  onSubmit: (draft: FlagDraft) => Promise<void>;
  onCancel: () => void;
  /** A note field that keeps its text to itself (see NoteForm's `field`). */
  noteField?: ComponentChildren;
  /**
   * The policy the form starts on: the card passes the picked (or first undecided)
   * finding's, so a manual flag for it decides that finding.
   */
  initialPolicy?: string | undefined;
}) {
  const t = useT();
  const first = props.policies.find((p) => p.id === props.initialPolicy) ?? props.policies[0];
  const [policyId, setPolicyId] = useState(first?.id ?? '');
  const [severity, setSeverity] = useState<Severity>(first?.severity ?? 'medium');
  const [note, setNote] = useState('');
  const [snapshot, setSnapshot] = useState(false);
  const [busy, setBusy] = useState(false);

  const choosePolicy = (id: string) => {
    setPolicyId(id);
    const policy = props.policies.find((p) => p.id === id);
    if (policy) setSeverity(policy.severity);
  };

  return (
    <form
      class="form"
      data-testid="flag-form"
      onKeyDown={submitOnSaveChord}
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        try {
          await props.onSubmit({ policyId, severity, note: note.trim(), snapshot });
        } finally {
          setBusy(false);
        }
      }}
    >
      <label>
        {t('flagPolicy')}
        <select
          name="policy"
          value={policyId}
          onChange={(e) => choosePolicy(e.currentTarget.value)}
        >
          {props.policies.map((policy) => (
            <option key={policy.id} value={policy.id}>
              {policy.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('flagSeverity')}
        <select
          name="severity"
          value={severity}
          onChange={(e) => setSeverity(e.currentTarget.value as Severity)}
        >
          {SEVERITY_ORDER.map((level) => (
            <option key={level} value={level}>
              {t(severityKey(level))}
            </option>
          ))}
        </select>
      </label>
      <TextField
        label={t('flagNote')}
        name="note"
        rows={2}
        maxLength={5000}
        value={note}
        onInput={setNote}
        field={props.noteField}
      />
      <SnapshotBox checked={snapshot} onChange={setSnapshot} />
      <FormActions
        submitLabel={t('flagSubmit')}
        busy={busy}
        disabled={!policyId}
        onCancel={props.onCancel}
      />
    </form>
  );
}
