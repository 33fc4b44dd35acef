/**
 * The active row in full: the item's whole title as a link to the item, the creator (a link
 * to their risk history), every excerpt of evidence, the note, and why the row ranks where
 * it does. Links open in a new tab; the URL was checked to be http(s) when the flag was
 * stored (lib/shared/protocol/records.ts), so no script URL can get here.
 */
import { useT } from '@/components/i18n-context';
import type { QueueRow } from '@/lib/messaging/workspace-messages';
import { creatorLabel } from './queue-row-view';
import { rankReasons } from './rank-reason';

export interface RowDetailProps {
  row: QueueRow;
  policyTitle: string;
  /** The name of the rule that found it (automatic flags), in the UI language. */
  ruleTitle?: string | undefined;
  /** The creator page's address, when the row names a creator. */
  creatorHref?: string | undefined;
  formatTime(iso: string): string;
  formatNumber(n: number): string;
}

export function RowDetail({
  row,
  policyTitle,
  ruleTitle,
  creatorHref,
  formatTime,
  formatNumber,
}: RowDetailProps) {
  const t = useT();
  const title = row.item.title ?? row.item.itemId;
  return (
    <section class="row-detail" aria-labelledby="row-detail-title" data-testid="row-detail">
      <h2 id="row-detail-title">{policyTitle}</h2>
      {ruleTitle && (
        <p class="row-detail-rule" data-testid="row-detail-rule">
          {ruleTitle}
        </p>
      )}
      <p>
        <a
          href={row.item.url}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="row-detail-link"
        >
          {title}
        </a>
      </p>
      <p class="row-detail-meta">
        {creatorHref ? (
          <a href={creatorHref} target="_blank" rel="noopener">
            {creatorLabel(row, t('spNoCreator'))}
          </a>
        ) : (
          <span>{creatorLabel(row, t('spNoCreator'))}</span>
        )}
        {' · '}
        <time dateTime={row.createdAt}>{formatTime(row.createdAt)}</time>
      </p>
      {row.evidenceText?.length ? (
        <>
          <h3>{t('spEvidenceHeading')}</h3>
          <ul class="row-detail-evidence" data-testid="row-detail-evidence">
            {row.evidenceText.map((text) => (
              <li key={text}>“{text}”</li>
            ))}
          </ul>
        </>
      ) : null}
      {row.note && <p class="row-detail-note">{row.note}</p>}
      {row.rank && (
        <p class="row-detail-why" data-testid="row-why">
          <strong>{t('spWhyHeading')}</strong>{' '}
          {rankReasons(row.rank, row.severity, t, formatNumber).join(' · ')}
        </p>
      )}
    </section>
  );
}
