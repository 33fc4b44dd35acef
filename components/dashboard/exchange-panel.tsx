/** Export (CSV / JSON) and import of flags, notes and creators; the page does the work. */

import { useT } from '@/components/i18n-context';
import type { ImportResultView } from '@/lib/messaging/dashboard-messages';
import { messageOf, placeOf, type RecordLookup } from './import-problem';

export type ExchangeState =
  | { kind: 'idle' }
  | { kind: 'busy'; message: string }
  | { kind: 'exported'; flags: number; notes: number; creators: number }
  /** `idOf` names the records of the file that was read, for its problems. */
  | { kind: 'imported'; result: ImportResultView; idOf?: RecordLookup | undefined }
  | { kind: 'failed'; message: string };

export const MAX_PROBLEMS_SHOWN = 50;

function ImportOutcome({
  result,
  idOf,
}: {
  result: ImportResultView;
  idOf?: RecordLookup | undefined;
}) {
  const t = useT();
  if (result.status === 'incomplete') return <p role="alert">{t('dashImportIncomplete')}</p>;
  if (result.status === 'invalid')
    return (
      <div role="alert" data-testid="import-problems">
        <p class="bad">{t('dashImportInvalid')}</p>
        <ul>
          {result.problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => (
            <li key={`${p.where}:${p.message}`}>
              <strong>{placeOf(p.where, t, idOf)}</strong>: {messageOf(p.message, t)}
            </li>
          ))}
        </ul>
        {result.problems.length > MAX_PROBLEMS_SHOWN && (
          <p>{t('dashImportMore', String(result.problems.length - MAX_PROBLEMS_SHOWN))}</p>
        )}
      </div>
    );
  const { report } = result;
  const tally = (name: string, x: typeof report.flags) =>
    t('dashImportTally', [
      name,
      ...[x.added, x.updated, x.unchanged, x.older, x.conflict].map(String),
    ]);
  return (
    <div role="status" data-testid="import-report">
      <p>{t('dashImportDone')}</p>
      <ul>
        <li>{tally(t('dashImportFlags'), report.flags)}</li>
        <li>{tally(t('dashImportNotes'), report.notes)}</li>
        <li>{tally(t('dashImportCreators'), report.creators)}</li>
      </ul>
      {report.queued > 0 && <p>{t('dashImportQueued', String(report.queued))}</p>}
      {report.localOnly > 0 && <p>{t('dashImportLocalOnly', String(report.localOnly))}</p>}
      {report.conflicts.length > 0 && (
        <p class="bad">
          {t('dashImportConflicts', report.conflicts.map((c) => `${c.type} ${c.id}`).join(', '))}
        </p>
      )}
    </div>
  );
}

export function ExchangePanel(props: {
  state: ExchangeState;
  bom: boolean;
  maxMegabytes: number;
  onBomChange: (bom: boolean) => void;
  onExport: (format: 'csv' | 'json') => void;
  onImport: (file: File) => void;
}) {
  const t = useT();
  const { state } = props;
  const busy = state.kind === 'busy';
  return (
    <section aria-labelledby="exchange-title" data-testid="exchange">
      <h2 id="exchange-title">
        {t('dashExportTitle')} / {t('dashImportTitle')}
      </h2>
      <div class="row">
        <button type="button" disabled={busy} onClick={() => props.onExport('csv')}>
          {t('dashExportCsv')}
        </button>
        <button type="button" disabled={busy} onClick={() => props.onExport('json')}>
          {t('dashExportJson')}
        </button>
        <label>
          <input
            type="checkbox"
            checked={props.bom}
            onChange={(e) => props.onBomChange(e.currentTarget.checked)}
          />{' '}
          {t('dashExportBom')}
        </label>
      </div>
      <div class="row">
        <label for="import-file">{t('dashImportLabel')}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.json,text/csv,application/json"
          disabled={busy}
          aria-describedby="import-help"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) props.onImport(file);
            e.currentTarget.value = '';
          }}
        />
        <p id="import-help" class="muted">
          {t('dashImportHelp', String(props.maxMegabytes))}
        </p>
      </div>
      <div aria-live="polite" data-testid="exchange-status">
        {state.kind === 'busy' && <p>{state.message}</p>}
        {state.kind === 'exported' && (
          <p>{t('dashExported', [state.flags, state.notes, state.creators].map(String))}</p>
        )}
        {state.kind === 'failed' && (
          <p role="alert" class="bad">
            {state.message}
          </p>
        )}
        {state.kind === 'imported' && <ImportOutcome result={state.result} idOf={state.idOf} />}
      </div>
    </section>
  );
}
