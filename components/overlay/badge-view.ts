/**
 * What the closed overlay shows, as plain values: the badge (class, count, accessible name,
 * text) and the creator's risk chip. One source for both ways the closed overlay is drawn:
 * by Preact (ItemOverlay, RiskChip) and, on feeds, by static-overlay.ts before the reviewer
 * first opens the card.
 *
 * Three looks: what is left to review (the worst severity's colour and the count), done
 * (nothing left: a check mark and "Confirmed", or a cross and "Dismissed", in colours no
 * severity uses), and quiet (nothing found or recorded: teal on white). Every one keeps
 * its text at 4.5:1 or more on its own background (tests/unit/components/overlay).
 */

import type { Translate } from '@/lib/i18n/keys';
import { type SummaryFlag, summarise } from './badge-summary';
import type { FindingsState } from './finding-list';
import { severityKey } from './flag-form';

export interface BadgeView {
  className: string;
  count: number;
  label: string;
  text: string;
  /** Set once nothing is left to review: how the item was decided. */
  done?: 'confirmed' | 'dismissed' | undefined;
}

/** The done badge's marks, drawn before its word (text, so screen readers skip nothing). */
export const DONE_ICONS = { confirmed: '✓', dismissed: '✕' } as const;

export function badgeView(
  findings: FindingsState,
  flags: readonly SummaryFlag[],
  t: Translate,
): BadgeView {
  const summary = summarise(findings.status === 'done' ? findings.findings : [], flags);
  const worst = summary.worst && t(severityKey(summary.worst));
  if (worst)
    return {
      className: `badge badge-${summary.worst}`,
      count: summary.count,
      label: t('overlayBadgeLabelSummary', [String(summary.count), worst]),
      text: t('overlayBadgeSummary', [worst, String(summary.count)]),
    };
  if (summary.done) {
    const word = t(summary.done === 'confirmed' ? 'findingConfirmed' : 'findingDismissed');
    return {
      className: `badge done done-${summary.done}`,
      count: 0,
      label: t('overlayBadgeDoneLabel', word),
      text: `${DONE_ICONS[summary.done]} ${word}`,
      done: summary.done,
    };
  }
  return {
    className: 'badge quiet',
    count: 0,
    label: t('overlayBadgeLabel'),
    text: t('overlayBadgeText'),
  };
}

export const cardIdOf = (itemId: string) => `flagpost-card-${itemId}`;
