/**
 * The creator's risk at a glance: band colour, score and trend arrow. Drawn by the overlay
 * next to a creator (in its shadow root, hence the stylesheet as a string) and opening the
 * creator panel on click. The colour is never the only signal: the band is written out in
 * the accessible name and the title.
 */

import { useT } from '@/components/i18n-context';
import { chipView } from '@/components/overlay/badge-view';
import type { RiskBand, RiskTrend } from '@/lib/shared/risk/bands';

export interface RiskChipProps {
  band: RiskBand;
  score: number;
  trend: RiskTrend;
  onOpen: () => void;
}

export function RiskChip({ band, score, trend, onOpen }: RiskChipProps) {
  const view = chipView({ band, score, trend }, useT());
  return (
    <button
      type="button"
      class={view.className}
      data-testid="risk-chip"
      data-band={view.band}
      aria-label={view.label}
      title={view.label}
      onClick={(event) => {
        event.stopPropagation();
        onOpen();
      }}
    >
      <span class="risk-chip-score">{view.score}</span>
      <span class="risk-chip-trend" aria-hidden="true">
        {view.arrow}
      </span>
    </button>
  );
}

/** Self-contained: works in a shadow root whose host has `all: initial`. */
export const RISK_CHIP_CSS = `
.risk-chip { display: inline-flex; align-items: center; gap: 2px; font: 600 11px/1.2 system-ui, sans-serif; border-radius: 999px; padding: 1px 7px; border: 1px solid transparent; cursor: pointer; color: #fff; }
.risk-chip:focus-visible { outline: 2px solid #f59e0b; outline-offset: 1px; }
.risk-chip.risk-low { background: #e2e8f0; color: #1e293b; border-color: #94a3b8; }
.risk-chip.risk-elevated { background: #a16207; }
.risk-chip.risk-high { background: #c2410c; }
.risk-chip.risk-critical { background: #991b1b; }
.risk-chip-trend { font-size: 10px; }
`;
