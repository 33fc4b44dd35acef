/** The flags recorded on an item, with their sync state; page text is rendered as text. */

import type { ComponentChildren } from 'preact';
import { useT } from '@/components/i18n-context';
import { snapshotHashOf } from '@/lib/shared/evidence/snapshot-link';
import { type PolicyOption, type Severity, severityKey } from './flag-form';

export interface OverlayFlag {
  id: string;
  policyId: string;
  ruleId?: string | undefined;
  severity: Severity;
  source?: 'auto' | 'manual';
  status: 'suggested' | 'confirmed' | 'dismissed';
  deleted?: boolean;
  note: string;
  syncState: 'pending' | 'synced' | 'stale' | 'rejected' | 'discarded';
  syncError?: string | undefined;
  /** Page-text evidence and, by the snapshot-link convention, the snapshot's hash. */
  evidence?: ReadonlyArray<{ field: string; text: string }>;
}

const SYNC_KEYS = {
  pending: 'syncStatePending',
  synced: 'syncStateSynced',
  stale: 'syncStateStale',
  rejected: 'syncStateRejected',
  discarded: 'syncStateDiscarded',
} as const;

export function FlagList(props: {
  flags: OverlayFlag[];
  policies: PolicyOption[];
  /** What to show under a flag besides its sync state (its escalation's receipt). */
  extra?: (flag: OverlayFlag) => ComponentChildren;
}) {
  const t = useT();
  const titleOf = (id: string) => props.policies.find((p) => p.id === id)?.title ?? id;
  const live = props.flags.filter((flag) => !flag.deleted);
  if (live.length === 0) return <p class="muted">{t('overlayNoFlags')}</p>;
  return (
    <ul data-testid="flag-list">
      {live.map((flag) => (
        <li key={flag.id} data-testid="flag" data-policy={flag.policyId} data-status={flag.status}>
          <span class={`sev sev-${flag.severity}`}>{t(severityKey(flag.severity))}</span>{' '}
          {titleOf(flag.policyId)}
          {flag.source === 'auto' && (
            <span class="muted">
              {' '}
              ({t(flag.status === 'dismissed' ? 'findingDismissed' : 'findingConfirmed')})
            </span>
          )}
          {flag.note && <div class="muted">{flag.note}</div>}
          {(() => {
            const hash = snapshotHashOf(flag.evidence ?? []);
            return (
              hash && (
                <div class="muted" data-testid="snapshot-kept" data-sha256={hash}>
                  {t('overlaySnapshotKept', hash.slice(0, 12))}
                </div>
              )
            );
          })()}
          <div
            class={`sync sync-${flag.syncState}`}
            data-testid="sync-state"
            data-state={flag.syncState}
          >
            {t(SYNC_KEYS[flag.syncState], flag.syncError ?? '')}
          </div>
          {props.extra?.(flag)}
        </li>
      ))}
    </ul>
  );
}
