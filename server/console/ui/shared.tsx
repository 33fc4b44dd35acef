/** Pieces every console view uses: tables with their CSV export, field errors, loading. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import { formats } from '@/lib/i18n/format';
import { ApiError } from './api';

export interface Column {
  key: string;
  label: string;
  /** Numbers align right. */
  numeric?: boolean;
}

/** A table with a caption and a link that downloads the same rows as CSV. */
export function DataTable({
  title,
  columns,
  rows,
  csvHref,
  testId,
  rowTestId,
  rowKeys,
}: {
  title: string;
  columns: readonly Column[];
  rows: readonly (readonly ComponentChildren[])[];
  csvHref: string;
  testId: string;
  rowTestId?: string;
  rowKeys?: readonly string[];
}) {
  const t = useT();
  return (
    <section class="table-block" data-testid={testId}>
      <div class="table-head">
        <h2>{title}</h2>
        <a class="button secondary" href={csvHref} download data-testid={`${testId}-csv`}>
          {t('consoleExportCsv')}
        </a>
      </div>
      {rows.length === 0 ? (
        <p class="muted">{t('consoleNoRows')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" class={c.numeric ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={rowKeys?.[i] ?? i} data-testid={rowTestId}>
                  {row.map((cell, j) => (
                    <td key={columns[j]?.key ?? j} class={columns[j]?.numeric ? 'num' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The message of a failed call, and each refused filter with its own message. */
export function ErrorNote({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const issues = error instanceof ApiError ? error.issues : [];
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div class="error" role="alert" data-testid="console-error">
      <p>{t('consoleRequestFailed', message)}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={issue.path}>
              <code>{issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Loading() {
  const t = useT();
  return (
    <p class="muted" role="status">
      {t('consoleLoading')}
    </p>
  );
}

/** Runs `load` when `key` changes; answers its result, its error, and a way to run it again. */
export function useLoad<T>(
  load: () => Promise<T>,
  key: string,
): { data?: T; error?: unknown; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: unknown }>({});
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data }),
      (error: unknown) => live && setState((s) => ({ data: s.data, error })),
    );
    return () => {
      live = false;
    };
  }, [key, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}

export const num = (n: number) => formats().number(n);
export const when = (iso: string) => formats().dateTime(iso);
export const ratio = (x: number | null) =>
  x === null ? '–' : `${formats().number(Math.round(x * 1000) / 10)} %`;
export const kappaText = (x: number | null) => (x === null ? '–' : x.toFixed(2));

/** Seconds as h:mm:ss (or m:ss). */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** A labelled field whose error (if any) is announced and tied to it. */
export function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {children}
      {error && (
        <span class="field-error" id={`${id}-error`} role="alert" data-testid={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
