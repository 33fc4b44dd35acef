/**
 * The policy checks that matched an item, each with its evidence (page text, rendered as
 * text) and the reviewer's two answers: confirm or dismiss. A decided finding shows the
 * decision and offers the other answer.
 */
import { useT } from '@/components/i18n-context';
import { decisionOf, type SummaryFlag } from './badge-summary';
import { type Severity, severityKey } from './flag-form';
import { foldMessageKey } from './fold-names';

export interface OverlayFinding {
  policyId: string;
  ruleId: string;
  severity: Severity;
  title: string;
  evidence: Array<{ field: string; start: number; end: number; text: string }>;
  precision?: number | undefined;
  decisions?: number | undefined;
  /** Fold ids that made the evidence match ("emoji-removed", "digit-words", ...). */
  folds?: string[] | undefined;
  /** Why a rule with context fired: the partner found around a match. */
  context?:
    | Array<{
        clause: string;
        match: { text: string };
        partner: { text: string };
        words?: number | undefined;
      }>
    | undefined;
  /** The policy is an emergency category: the card proposes an escalation. */
  emergency?: boolean | undefined;
  /** The category that proposal starts with. */
  escalationCategory?: string | undefined;
  /** Not a rule match: the learned scorer's suggestion and the words that drove it. */
  suggested?:
    | { probability: number; features: Array<{ text: string; weight: number }> }
    | undefined;
}

export type Decision = 'confirmed' | 'dismissed';

export type FindingsState =
  | { status: 'pending' }
  | { status: 'done'; findings: OverlayFinding[] }
  | { status: 'error'; error: string };

export function FindingList(props: {
  state: FindingsState;
  flags: readonly SummaryFlag[];
  busy: boolean;
  /** The finding the number keys picked (0-based): marked current, focusable. */
  selected?: number | undefined;
  onDecide: (finding: OverlayFinding, decision: Decision) => void;
  /** An emergency finding's "Escalate?" was accepted: open the escalate form for it. */
  onPropose?: (finding: OverlayFinding) => void;
  /** Whether the finding's flag is already escalated (no proposal then). */
  isEscalated?: (finding: OverlayFinding) => boolean;
}) {
  const t = useT();
  const { state } = props;
  if (state.status === 'pending') return <p class="muted">{t('overlayFindingsPending')}</p>;
  if (state.status === 'error')
    return <p class="error">{t('overlayFindingsError', state.error)}</p>;
  if (state.findings.length === 0) return <p class="muted">{t('overlayNoFindings')}</p>;
  return (
    <ul data-testid="finding-list">
      {state.findings.map((finding, index) => {
        const decided = decisionOf(finding, props.flags);
        const status =
          decided?.status === 'dismissed' ? 'dismissed' : decided ? 'confirmed' : undefined;
        return (
          <li
            key={`${finding.policyId}/${finding.ruleId}`}
            data-testid="finding"
            data-policy={finding.policyId}
            data-rule={finding.ruleId}
            data-decision={status ?? 'none'}
            tabIndex={-1}
            class={index === props.selected ? 'selected' : undefined}
            aria-current={index === props.selected ? 'true' : undefined}
          >
            {finding.suggested ? (
              <span class="sev sev-suggested" data-testid="finding-suggested">
                {t('findingSuggested')}
              </span>
            ) : (
              <span class={`sev sev-${finding.severity}`}>{t(severityKey(finding.severity))}</span>
            )}{' '}
            {finding.title}
            <SuggestedNote suggested={finding.suggested} />
            {finding.precision !== undefined && (
              <div class="muted precision" data-testid="finding-precision">
                {finding.decisions
                  ? t('findingPrecision', [
                      String(Math.round(finding.precision * 100)),
                      String(finding.decisions),
                    ])
                  : t('findingPrecisionNew')}
              </div>
            )}
            {finding.evidence.length > 0 && (
              <ul class="evidence" aria-label={t('overlayEvidence')}>
                {finding.evidence.map((e) => (
                  <li key={`${e.field}:${e.start}:${e.end}:${e.text}`} data-testid="evidence">
                    <mark class={`ev ev-${finding.suggested ? 'suggested' : finding.severity}`}>
                      {e.text}
                    </mark>
                  </li>
                ))}
              </ul>
            )}
            <FoldNote folds={finding.folds} />
            <ContextNotes notes={finding.context} />
            {finding.emergency && props.onPropose && !props.isEscalated?.(finding) && (
              <div class="row proposal" data-testid="escalate-proposal">
                <span>{t('escalationProposal')}</span>
                <button
                  type="button"
                  class="primary"
                  aria-label={t('escalationProposalLabel', finding.title)}
                  onClick={() => props.onPropose?.(finding)}
                >
                  {t('escalationAction')}
                </button>
              </div>
            )}
            <div class="row">
              {status && (
                <span class="muted" data-testid="decision">
                  {t(status === 'confirmed' ? 'findingConfirmed' : 'findingDismissed')}
                </span>
              )}
              {status !== 'confirmed' && (
                <button
                  type="button"
                  class="primary"
                  disabled={props.busy}
                  aria-label={t('findingConfirmLabel', finding.title)}
                  onClick={() => props.onDecide(finding, 'confirmed')}
                >
                  {t('findingConfirm')}
                </button>
              )}
              {status !== 'dismissed' && (
                <button
                  type="button"
                  disabled={props.busy}
                  aria-label={t('findingDismissLabel', finding.title)}
                  onClick={() => props.onDecide(finding, 'dismissed')}
                >
                  {t('findingDismiss')}
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** A suggestion says so in words: the scorer's probability and the words that drove it. */
function SuggestedNote(props: { suggested: OverlayFinding['suggested'] }) {
  const t = useT();
  if (!props.suggested) return null;
  const words = props.suggested.features.map((f) => `“${f.text}”`).join(', ');
  return (
    <div class="muted suggested-note" data-testid="finding-suggested-note">
      <bdi>
        {t('findingSuggestedNote', [String(Math.round(props.suggested.probability * 100)), words])}
      </bdi>
    </div>
  );
}

/** Which folding made the evidence match, in words; nothing when it matched as written. */
function FoldNote(props: { folds: readonly string[] | undefined }) {
  const t = useT();
  const names: string[] = [];
  for (const id of props.folds ?? []) {
    const key = foldMessageKey(id);
    if (key) names.push(t(key));
  }
  if (names.length === 0) return null;
  return (
    <div class="muted folds" data-testid="finding-folds">
      {t('findingFolds', names.join(', '))}
    </div>
  );
}

/** The context that made the rule fire, in words; page text as text, each part isolated. */
function ContextNotes(props: { notes: OverlayFinding['context'] }) {
  const t = useT();
  const notes = props.notes ?? [];
  if (notes.length === 0) return null;
  return (
    <ul class="muted context" data-testid="finding-context">
      {notes.slice(0, 5).map((note, i) => {
        const parts = [note.match.text, note.partner.text];
        const text =
          note.clause === 'requires'
            ? t('findingContextRequires', parts)
            : note.words !== undefined
              ? t('findingContextNearWords', [...parts, String(note.words)])
              : t('findingContextNear', parts);
        return (
          <li key={i}>
            <bdi>{text}</bdi>
          </li>
        );
      })}
    </ul>
  );
}
