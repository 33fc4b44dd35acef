import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type DashboardState, DashboardView } from '@/components/dashboard/dashboard-view';
import { ExchangePanel, type ExchangeState } from '@/components/dashboard/exchange-panel';
import { recordIdsOf } from '@/components/dashboard/import-problem';
import { mountPage } from '@/components/mount-page';
import { policyTitles } from '@/components/policy-titles';
import { searchForFilter } from '@/components/sidepanel/filter-url';
import { formats } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/translate';
import { send } from '@/lib/messaging/client';
import { MAX_IMPORT_CHARS } from '@/lib/messaging/dashboard-messages';
import { buildExport, download, importText, TooLargeError } from './transfer';
import '@/components/dashboard/dashboard.css';

const DEFAULT_DAYS = 30;
const MB = 1024 * 1024;
const formatTime = (iso: string) => formats().dateTime(iso);
const formatDay = (iso: string) => formats().date(iso);
const formatNumber = (n: number) => formats().number(n);
/** The review queue (the side panel's page, in this tab) filtered to a chart's slice. */
const queueHref = (filter: Parameters<typeof searchForFilter>[0]) =>
  `${browser.runtime.getURL('/sidepanel.html')}${searchForFilter(filter)}`;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Local midnights: the starts of the last `days` days and the end of today (DST-safe). */
function dayBoundaries(days: number): string[] {
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  return Array.from({ length: days + 1 }, (_, i) => {
    const day = new Date(today);
    day.setDate(today.getDate() - days + 1 + i);
    return day.toISOString();
  });
}

function Dashboard() {
  const [days, setDays] = useState(DEFAULT_DAYS);
  const [state, setState] = useState<DashboardState>({ kind: 'loading' });
  const [exchange, setExchange] = useState<ExchangeState>({ kind: 'idle' });
  const [bom, setBom] = useState(false);
  const [titles, setTitles] = useState(() => policyTitles([]));

  // Policy and rule names (the pack's, in the UI language); ids in words until they arrive.
  useEffect(() => {
    send('policy.choices', {})
      .then(({ policies }) => setTitles(policyTitles(policies)))
      .catch((error: unknown) => console.warn('Flagpost: no policy names:', error));
  }, []);

  const refresh = useCallback(async () => {
    try {
      const summary = await send('dashboard.summary', { boundaries: dayBoundaries(days) });
      setState({ kind: 'ready', summary });
    } catch (error) {
      setState({ kind: 'error', message: message(error) });
    }
  }, [days]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function onExport(format: 'csv' | 'json') {
    setExchange({ kind: 'busy', message: t('dashExporting') });
    try {
      const { blob, name, data } = await buildExport(format, bom);
      download(blob, name);
      setExchange({
        kind: 'exported',
        flags: data.flags.length,
        notes: data.notes.length,
        creators: data.creators.length,
      });
    } catch (error) {
      setExchange({ kind: 'failed', message: t('dashExportFailed', message(error)) });
    }
  }

  async function onImport(file: File) {
    // Checked before reading: a huge file is refused without loading it.
    if (file.size > MAX_IMPORT_CHARS * 3) return tooLarge(file.size);
    setExchange({ kind: 'busy', message: t('dashImporting') });
    try {
      const text = await file.text();
      const result = await importText(text);
      setExchange({ kind: 'imported', result, idOf: recordIdsOf(text) });
      await refresh();
    } catch (error) {
      if (error instanceof TooLargeError) return tooLarge(file.size);
      setExchange({ kind: 'failed', message: t('dashImportFailed', message(error)) });
    }
  }

  function tooLarge(bytes: number) {
    const size = [(bytes / MB).toFixed(1), String(MAX_IMPORT_CHARS / MB)];
    setExchange({ kind: 'failed', message: t('dashImportTooBig', size) });
  }

  return (
    <DashboardView
      state={state}
      days={days}
      onDaysChange={setDays}
      formatDay={formatDay}
      formatTime={formatTime}
      formatNumber={formatNumber}
      policyTitle={titles.policy}
      ruleTitle={titles.rule}
      queueHref={queueHref}
      exchange={
        <ExchangePanel
          state={exchange}
          bom={bom}
          maxMegabytes={MAX_IMPORT_CHARS / MB}
          onBomChange={setBom}
          onExport={(format) => void onExport(format)}
          onImport={(file) => void onImport(file)}
        />
      }
    />
  );
}

void mountPage(
  () => <Dashboard />,
  () => t('dashTitle'),
);
