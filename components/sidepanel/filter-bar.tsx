/**
 * The queue's order (priority by default, newest, severity, creator risk) and filters:
 * status (with counts), policy, severity, market, creator, sync state, and the day a
 * dashboard link opened the queue on (shown with a button that clears it).
 */

import { creatorKeyLabel } from '@/components/creator-label';
import { useT } from '@/components/i18n-context';
import type { QueueFilterView, QueueSortView } from '@/lib/messaging/workspace-messages';
import { MARKETS } from '@/lib/shared/protocol/records';
import {
  SEVERITY_VALUES,
  SORTS,
  STATUSES,
  SYNC_STATES,
  severityKey,
  sortKey,
  statusKey,
  syncStateKey,
} from './labels';

/** The policy filter's test id, which the `p` key that goes to it finds it by. */
export const POLICY_FILTER_TEST_ID = 'filter-policy';

export interface PolicyOption {
  id: string;
  title: string;
}

export interface FilterBarProps {
  filter: QueueFilterView;
  policies: readonly PolicyOption[];
  creatorKeys: readonly string[];
  statusCounts?: Record<'suggested' | 'confirmed' | 'dismissed', number> | undefined;
  formatCount(n: number): string;
  /** A YYYY-MM-DD day in the UI language (absent: the day as written). */
  formatDay?(day: string): string;
  onChange(filter: QueueFilterView): void;
  /** Absent: the bar has no sort choice (the order is the caller's). */
  sort?: QueueSortView | undefined;
  onSortChange?(sort: QueueSortView): void;
}

/** Sets or clears one key: '' in a select means "any". */
function withValue<K extends keyof QueueFilterView>(
  filter: QueueFilterView,
  key: K,
  value: string,
): QueueFilterView {
  const next = { ...filter };
  if (value === '') delete next[key];
  else next[key] = value as QueueFilterView[K];
  return next;
}

export function FilterBar(props: FilterBarProps) {
  const t = useT();
  const { filter, onChange } = props;
  const pick = (key: keyof QueueFilterView) => (event: Event) =>
    onChange(withValue(filter, key, (event.currentTarget as HTMLSelectElement).value));
  return (
    <fieldset class="filters" data-testid="filters">
      <legend>{t('spFiltersLegend')}</legend>
      {filter.day !== undefined && (
        <p class="day-filter" data-testid="filter-day" data-day={filter.day}>
          <span>{t('spFilterDay', props.formatDay?.(filter.day) ?? filter.day)}</span>{' '}
          <button
            type="button"
            onClick={() => onChange(withValue(filter, 'day', ''))}
            data-testid="filter-day-clear"
          >
            {t('spClearDayFilter')}
          </button>
        </p>
      )}
      {props.sort && props.onSortChange && (
        <label>
          {t('spSortBy')}
          <select
            value={props.sort}
            onChange={(event) => props.onSortChange?.(event.currentTarget.value as QueueSortView)}
            data-testid="queue-sort"
          >
            {SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(sortKey(sort))}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('spFilterStatus')}
        <select value={filter.status ?? ''} onChange={pick('status')} data-testid="filter-status">
          <option value="">{t('spAny')}</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {props.statusCounts
                ? `${t(statusKey(status))} (${props.formatCount(props.statusCounts[status])})`
                : t(statusKey(status))}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('spFilterPolicy')}
        <select
          value={filter.policyId ?? ''}
          onChange={pick('policyId')}
          data-testid={POLICY_FILTER_TEST_ID}
        >
          <option value="">{t('spAny')}</option>
          {props.policies.map((policy) => (
            <option key={policy.id} value={policy.id}>
              {policy.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('spFilterSeverity')}
        <select
          value={filter.severity ?? ''}
          onChange={pick('severity')}
          data-testid="filter-severity"
        >
          <option value="">{t('spAny')}</option>
          {SEVERITY_VALUES.map((severity) => (
            <option key={severity} value={severity}>
              {t(severityKey(severity))}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('spFilterMarket')}
        <select value={filter.market ?? ''} onChange={pick('market')} data-testid="filter-market">
          <option value="">{t('spAny')}</option>
          {MARKETS.map((market) => (
            <option key={market} value={market}>
              {market}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('spFilterSync')}
        <select
          value={filter.syncState ?? ''}
          onChange={pick('syncState')}
          data-testid="filter-sync"
        >
          <option value="">{t('spAny')}</option>
          {SYNC_STATES.map((state) => (
            <option key={state} value={state}>
              {t(syncStateKey(state))}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('spFilterCreator')}
        <select
          value={filter.creatorKey ?? ''}
          onChange={pick('creatorKey')}
          data-testid="filter-creator"
        >
          <option value="">{t('spAny')}</option>
          {props.creatorKeys.map((key) => (
            <option key={key} value={key}>
              {creatorKeyLabel(key, t)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
