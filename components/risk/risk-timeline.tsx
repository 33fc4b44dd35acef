/** Flags, notes and enforcement actions about a creator, newest first, marked local/remote. */

import { useT } from '@/components/i18n-context';
import type { TimelineEntry } from '@/lib/messaging/risk-messages';
import { readableId } from '@/lib/shared/policy/policy-name';
import { ACTION_LABEL, SEVERITY_LABEL, STATUS_LABEL, shortDate } from './labels';
import { PolicyAndRule, type RuleTitle } from './risk-explanation';

type PolicyTitle = (policyId: string) => string;

/**
 * Which item an entry is about, as a reader knows it: its title, or a phrase when it has
 * none, never its platform id; a link to the item's page when its web address is known.
 */
function ItemPhrase(props: { url?: string | undefined; title?: string | undefined }) {
  const t = useT();
  const text = props.title ? t('riskOnItemTitled', props.title) : t('riskOnUntitledItem');
  // Item URLs are checked as http(s) where they enter; checked again before they link.
  if (!props.url || !/^https?:\/\//i.test(props.url))
    return <span class="item-phrase">{text}</span>;
  return (
    <a class="item-phrase" href={props.url} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  );
}

function EntryBody({
  entry,
  policyTitle,
  ruleTitle,
}: {
  entry: TimelineEntry;
  policyTitle: PolicyTitle;
  ruleTitle: RuleTitle | undefined;
}) {
  const t = useT();
  switch (entry.kind) {
    case 'flag':
      return (
        <>
          <PolicyAndRule
            policyId={entry.policyId}
            ruleId={entry.ruleId}
            policyTitle={policyTitle}
            ruleTitle={ruleTitle}
          />{' '}
          · {t(SEVERITY_LABEL[entry.severity] ?? 'severityLow')} ·{' '}
          {t(STATUS_LABEL[entry.status] ?? 'statusSuggested')} ·{' '}
          <ItemPhrase url={entry.itemUrl} title={entry.itemTitle} />
          {entry.note ? <div class="note-text">{entry.note}</div> : null}
        </>
      );
    case 'note':
      return (
        <>
          {entry.itemId ? (
            <span class="muted">
              <ItemPhrase url={entry.itemUrl} title={entry.itemTitle} />{' '}
            </span>
          ) : null}
          <div class="note-text">{entry.text}</div>
        </>
      );
    case 'enforcement':
      return (
        <>
          <strong>{t(ACTION_LABEL[entry.action] ?? 'riskActionWarning')}</strong>
          <div class="note-text">{entry.reason}</div>
        </>
      );
  }
}

const KIND_LABEL = {
  flag: 'riskEntryFlag',
  note: 'riskEntryNote',
  enforcement: 'riskEntryEnforcement',
} as const;

export function RiskTimeline(props: {
  entries: readonly TimelineEntry[];
  omitted: number;
  policyTitle?: PolicyTitle;
  ruleTitle?: RuleTitle | undefined;
}) {
  const policyTitle = props.policyTitle ?? readableId;
  const t = useT();
  if (props.entries.length === 0) return <p class="muted">{t('riskTimelineEmpty')}</p>;
  return (
    <>
      <ol class="risk-timeline" data-testid="risk-timeline">
        {props.entries.map((entry) => (
          <li
            key={`${entry.kind}:${entry.id}`}
            class={`entry entry-${entry.kind}`}
            data-kind={entry.kind}
            data-id={entry.id}
            data-source={entry.kind === 'enforcement' ? 'remote' : entry.source}
          >
            <div class="entry-head">
              <span class="entry-kind">{t(KIND_LABEL[entry.kind])}</span>
              <time dateTime={entry.at}>{shortDate(entry.at)}</time>
              {entry.kind !== 'enforcement' && (
                <span class="muted">
                  {t('riskByReviewer', entry.reviewer)} ·{' '}
                  {t(entry.source === 'local' ? 'riskSourceLocal' : 'riskSourceRemote')}
                </span>
              )}
            </div>
            <EntryBody entry={entry} policyTitle={policyTitle} ruleTitle={props.ruleTitle} />
          </li>
        ))}
      </ol>
      {props.omitted > 0 && <p class="muted">{t('riskTimelineOmitted', String(props.omitted))}</p>}
    </>
  );
}
