/**
 * What the creator risk chip says, in each of its states, as data (the Preact chip and any
 * DOM-built one draw the same thing): unknown (nothing known about the creator yet: no local
 * flags and no history from the endpoint), loading (the history is being fetched), or known:
 * the score with its band in words ("97 Critical ↑"), never a bare "0→" that reads as a
 * verdict. The colour is never the only signal: the band is written out, and the accessible
 * name says the whole state.
 */
import type { Translate } from '@/lib/i18n/keys';
import type { RiskBand, RiskTrend } from '@/lib/shared/risk/bands';
import { BAND_LABEL, TREND_ARROW, TREND_LABEL } from './labels';

export type ChipInput =
  | { state: 'unknown' }
  | { state: 'loading' }
  | { state?: 'known'; band: RiskBand; score: number; trend: RiskTrend };

export interface RiskChipView {
  state: 'unknown' | 'loading' | 'known';
  className: string;
  /** The band, when known (for data-band). */
  band?: RiskBand;
  /** The accessible name and tooltip. */
  label: string;
  /** The figure shown first ("97", "…", "?"). */
  score: string;
  /** The band or state in words ("Critical", "risk loading", "risk unknown"). */
  word: string;
  /** The trend arrow, when known. */
  arrow: string;
}

export function riskChipView(
  input: ChipInput,
  t: Translate,
  formatNumber: (n: number) => string = String,
): RiskChipView {
  if (input.state === 'unknown')
    return {
      state: 'unknown',
      className: 'risk-chip risk-unknown',
      label: t('riskChipUnknownLabel'),
      score: '?',
      word: t('riskChipUnknown'),
      arrow: '',
    };
  if (input.state === 'loading')
    return {
      state: 'loading',
      className: 'risk-chip risk-loading',
      label: t('riskChipLoadingLabel'),
      score: '…',
      word: t('riskChipLoading'),
      arrow: '',
    };
  const { band, score, trend } = input;
  return {
    state: 'known',
    className: `risk-chip risk-${band}`,
    band,
    label: t('riskChipLabel', [t(BAND_LABEL[band]), formatNumber(score), t(TREND_LABEL[trend])]),
    score: formatNumber(score),
    word: t(BAND_LABEL[band]),
    arrow: TREND_ARROW[trend],
  };
}
