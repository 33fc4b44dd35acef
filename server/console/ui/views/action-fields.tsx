/**
 * The two fields of an enforcement action, as both the creator page and the escalation
 * resolve form record one: the kind (one of ENFORCEMENT_ACTIONS) and the reason. Each form
 * keeps its own state, checks and ids.
 */
import { useT } from '@/components/i18n-context';
import { ACTION_LABEL } from '@/components/risk/labels';
import { ENFORCEMENT_ACTIONS } from '@/lib/shared/protocol/history';
import { Field } from '../shared';

export function ActionFields(props: {
  /** The select's and the textarea's element ids (their errors' ids follow from them). */
  ids: { kind: string; reason: string };
  testIds: { kind: string; reason: string };
  action: string;
  reason: string;
  errors: Record<string, string>;
  onAction: (action: string) => void;
  onReason: (reason: string) => void;
}) {
  const t = useT();
  return (
    <>
      <Field id={props.ids.kind} label={t('consoleActionKind')} error={props.errors.action}>
        <select
          id={props.ids.kind}
          value={props.action}
          data-testid={props.testIds.kind}
          onChange={(e) => props.onAction((e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('consoleChoose')}</option>
          {ENFORCEMENT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(ACTION_LABEL[a] ?? 'riskActionWarning')}
            </option>
          ))}
        </select>
      </Field>
      <Field id={props.ids.reason} label={t('consoleActionReason')} error={props.errors.reason}>
        <textarea
          id={props.ids.reason}
          value={props.reason}
          maxLength={2000}
          data-testid={props.testIds.reason}
          onInput={(e) => props.onReason((e.target as HTMLTextAreaElement).value)}
        />
      </Field>
    </>
  );
}
