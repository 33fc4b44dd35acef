/**
 * Filter forms: each value checked with the same Zod schema the endpoint applies
 * (server/console/queries/inputs.ts) before anything is asked, every refused value named
 * beside its field; the endpoint's own refusal is shown the same way.
 */
import type { z } from 'zod';
import { useT } from '@/components/i18n-context';
import { SEVERITY_LABEL, STATUS_LABEL } from '@/components/risk/labels';
import type { MessageKey } from '@/lib/i18n/keys';
import { MARKETS, SEVERITIES } from '@/lib/shared/protocol/records';
import { Field } from '../shared';

export type FilterValues = Record<string, string>;

export interface FilterSpec {
  name: string;
  label: MessageKey;
  kind: 'text' | 'market' | 'severity' | 'status' | 'time' | 'day' | 'choice';
  placeholder?: string;
  choices?: readonly { value: string; label: MessageKey }[];
}

/** `datetime-local` / `date` values to ISO times with an offset, as the schemas take them. */
export function toQuery(
  specs: readonly FilterSpec[],
  values: FilterValues,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of specs) {
    const raw = values[spec.name]?.trim();
    if (!raw) continue;
    if (spec.kind === 'time' || spec.kind === 'day') {
      const parsed = new Date(spec.kind === 'day' ? `${raw}T00:00:00Z` : raw);
      out[spec.name] = Number.isNaN(parsed.getTime()) ? raw : parsed.toISOString();
    } else out[spec.name] = raw;
  }
  return out;
}

/** Each refused field's message, by field name. */
export function checkFilters(
  schema: z.ZodType,
  query: Record<string, string>,
  t: (key: MessageKey, subs?: string | string[]) => string,
  labels: Record<string, string>,
): Record<string, string> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? '');
    errors[name] ??= t('consoleFilterInvalid', [labels[name] ?? name, issue.message]);
  }
  return errors;
}

export function FilterForm({
  idPrefix,
  specs,
  values,
  errors,
  onChange,
  onSubmit,
}: {
  idPrefix: string;
  specs: readonly FilterSpec[];
  values: FilterValues;
  errors: Record<string, string>;
  onChange: (values: FilterValues) => void;
  onSubmit: () => void;
}) {
  const t = useT();
  const set = (name: string) => (event: Event) =>
    onChange({ ...values, [name]: (event.target as HTMLInputElement).value });
  return (
    <form
      class="filters"
      noValidate
      data-testid={`${idPrefix}-filters`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {specs.map((spec) => {
        const id = `${idPrefix}-${spec.name}`;
        const common = {
          id,
          name: spec.name,
          value: values[spec.name] ?? '',
          'aria-invalid': errors[spec.name] ? ('true' as const) : undefined,
          'aria-describedby': errors[spec.name] ? `${id}-error` : undefined,
          'data-testid': id,
        };
        const options =
          spec.kind === 'market'
            ? MARKETS.map((m) => ({ value: m, text: m }))
            : spec.kind === 'severity'
              ? SEVERITIES.map((s) => ({ value: s, text: t(SEVERITY_LABEL[s] ?? 'severityLow') }))
              : spec.kind === 'status'
                ? (['suggested', 'confirmed', 'dismissed'] as const).map((s) => ({
                    value: s,
                    text: t(STATUS_LABEL[s] ?? 'statusSuggested'),
                  }))
                : spec.kind === 'choice'
                  ? (spec.choices ?? []).map((c) => ({ value: c.value, text: t(c.label) }))
                  : undefined;
        return (
          <Field key={spec.name} id={id} label={t(spec.label)} error={errors[spec.name]}>
            {options ? (
              <select {...common} onChange={set(spec.name)}>
                {spec.kind !== 'choice' && <option value="">{t('consoleAny')}</option>}
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.text}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                {...(spec.placeholder ? { placeholder: spec.placeholder } : {})}
                type={
                  (spec.kind === 'time'
                    ? 'datetime-local'
                    : spec.kind === 'day'
                      ? 'date'
                      : 'text') as 'text'
                }
                onInput={set(spec.name)}
              />
            )}
          </Field>
        );
      })}
      <div class="filter-actions">
        <button type="submit" data-testid={`${idPrefix}-apply`}>
          {t('consoleApplyFilters')}
        </button>
      </div>
    </form>
  );
}
