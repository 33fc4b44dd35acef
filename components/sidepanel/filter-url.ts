/**
 * The queue filter a link opened the panel with (the dashboard's charts link to
 * sidepanel.html?policyId=...&severity=...): each parameter is checked against the filter's
 * own schema, and one that does not fit is left out rather than failing the whole filter.
 */
import { type QueueFilterView, queueFilterSchema } from '@/lib/messaging/workspace-messages';

const KEYS = Object.keys(queueFilterSchema.shape) as Array<keyof QueueFilterView>;

export function filterFromSearch(search: string): QueueFilterView {
  const params = new URLSearchParams(search);
  const filter: Record<string, string> = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value === null || value === '') continue;
    const one = queueFilterSchema.shape[key].safeParse(value);
    if (one.success && one.data !== undefined) filter[key] = one.data;
  }
  return queueFilterSchema.parse(filter);
}

/** The panel's address for a filter (the dashboard links here). */
export function searchForFilter(filter: QueueFilterView): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filter[key];
    if (value !== undefined) params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}
