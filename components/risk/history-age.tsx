/** How old the endpoint's part of what is shown is, and whether it could be refreshed. */

import { useT } from '@/components/i18n-context';
import type { RemoteHistoryState } from '@/lib/messaging/risk-messages';
import { ageInWords } from './labels';

export function HistoryAge({ remote }: { remote: RemoteHistoryState }) {
  const t = useT();
  const age = remote.ageMs === undefined ? '' : ageInWords(remote.ageMs, t);
  const text =
    remote.state === 'not-configured' && remote.ageMs === undefined
      ? t('riskHistoryNotConfigured')
      : remote.ageMs === undefined
        ? t('riskHistoryNone')
        : remote.state === 'fresh'
          ? t('riskHistoryFresh', age)
          : t('riskHistoryCached', age);
  return (
    <p
      class={`history-age history-${remote.state}`}
      data-testid="history-age"
      data-state={remote.state}
      title={remote.error}
      role="status"
    >
      {text}
    </p>
  );
}
