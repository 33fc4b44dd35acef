/**
 * The creator's risk at a glance: unknown, loading, or the score with its band in words and
 * the trend arrow (components/risk/chip-view.ts). Drawn by the overlay next to a creator (in
 * its shadow root, hence the stylesheet as a string) and opening the creator panel on click.
 * Callers that pass only band, score and trend get the known state, as before.
 */

import { useT } from '@/components/i18n-context';
import type { RiskBand, RiskTrend } from '@/lib/shared/risk/bands';
import { riskChipView } from './chip-view';

export type RiskChipProps = (
  | { state?: 'known'; band: RiskBand; score: number; trend: RiskTrend }
  | { state: 'unknown' | 'loading' }
) & { onOpen: () => void; formatNumber?: (n: number) => string };

export function RiskChip(props: RiskChipProps) {
  const view = riskChipView(props, useT(), props.formatNumber);
  return (
    <button
      type="button"
      class={view.className}
      data-testid="risk-chip"
      data-state={view.state}
      data-band={view.band}
      aria-label={view.label}
      aria-busy={view.state === 'loading' ? true : undefined}
      title={view.label}
      onClick={(event) => {
        event.stopPropagation();
        props.onOpen();
      }}
    >
      <span class="risk-chip-score">{view.score}</span>
      <span class="risk-chip-word">{view.word}</span>
      {view.arrow && (
        <span class="risk-chip-trend" aria-hidden="true">
          {view.arrow}
        </span>
      )}
    </button>
  );
}

/** Self-contained: works in a shadow root whose host has `all: initial`. */
export const RISK_CHIP_CSS = `
.risk-chip { display: inline-flex; align-items: center; gap: 3px; font: 600 11px/1.4 system-ui, sans-serif; border-radius: 999px; padding: 1px 7px; border: 1px solid transparent; cursor: pointer; color: #fff; white-space: nowrap; }
.risk-chip:focus-visible { outline: 2px solid #f59e0b; outline-offset: 1px; }
.risk-chip.risk-low { background: #e2e8f0; color: #1e293b; border-color: #94a3b8; }
.risk-chip.risk-elevated { background: #a16207; }
.risk-chip.risk-high { background: #c2410c; }
.risk-chip.risk-critical { background: #991b1b; }
.risk-chip.risk-unknown, .risk-chip.risk-loading { background: #fff; color: #334155; border: 1px dashed #64748b; }
.risk-chip-word { font-weight: 500; }
.risk-chip-trend { font-size: 10px; }
`;
