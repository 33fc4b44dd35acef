/** Per-rule precision from confirm / dismiss decisions, weakest rule first. */

import { useT } from '@/components/i18n-context';
import type { DashboardSummaryView } from '@/lib/messaging/dashboard-messages';
import { readableId } from '@/lib/shared/policy/policy-name';

const percent = (value: number) => `${Math.round(value * 100)}%`;

export function PrecisionTable({
  rules,
  policyTitle = readableId,
  ruleTitle = (_policyId, ruleId) => readableId(ruleId),
  formatNumber = String,
}: {
  rules: DashboardSummaryView['rules'];
  /** A policy's name in the UI language. */
  policyTitle?: (policyId: string) => string;
  /** A rule's name in the UI language. */
  ruleTitle?: ((policyId: string, ruleId: string) => string) | undefined;
  formatNumber?: (n: number) => string;
}) {
  const t = useT();
  return (
    <section aria-labelledby="rules-title" data-testid="rule-precision">
      <h2 id="rules-title">{t('dashRulesTitle')}</h2>
      <p class="muted">{t('dashRulesHow')}</p>
      {rules.source === 'flags' && <p class="muted">{t('dashRulesFromFlags')}</p>}
      {rules.rows.length === 0 ? (
        <p>{t('dashRulesEmpty')}</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('dashColRule')}</th>
              <th scope="col">{t('dashColConfirmed')}</th>
              <th scope="col">{t('dashColDismissed')}</th>
              <th scope="col">{t('dashColPrecision')}</th>
              <th scope="col">{t('dashColSmoothed')}</th>
            </tr>
          </thead>
          <tbody>
            {rules.rows.map((row) => (
              <tr key={`${row.policyId}:${row.ruleId}`}>
                <th scope="row" data-rule={row.ruleId}>
                  <span class="rule-name">{ruleTitle(row.policyId, row.ruleId)}</span>
                  <span class="muted rule-policy">{policyTitle(row.policyId)}</span>
                </th>
                <td>{formatNumber(row.confirmed)}</td>
                <td>{formatNumber(row.dismissed)}</td>
                <td>{row.observed === undefined ? '–' : percent(row.observed)}</td>
                <td>
                  <span class="meter" aria-hidden="true">
                    <span style={{ width: percent(row.smoothed) }} />
                  </span>
                  {percent(row.smoothed)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
