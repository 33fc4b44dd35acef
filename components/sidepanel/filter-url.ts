/**
 * The queue filter a link opened the panel with (the dashboard's charts link to
 * sidepanel.html?policyId=...&severity=...&day=2026-12-07): each parameter is checked
 * against the filter's own schema, and one that does not fit is left out rather than
 * failing the whole filter; what was wrong with it is told, so the panel can say so.
 */
import { type QueueFilterView, queueFilterSchema } from '@/lib/messaging/workspace-messages';

const KEYS = Object.keys(queueFilterSchema.shape) as Array<keyof QueueFilterView>;

export interface FilterLink {
  filter: QueueFilterView;
  /** One line per parameter left out: `day: "2026-13-01" is not a date on the calendar`. */
  problems: string[];
}

export function readFilterLink(search: string): FilterLink {
  const params = new URLSearchParams(search);
  const filter: Record<string, string> = {};
  const problems: string[] = [];
  for (const key of KEYS) {
    const value = params.get(key);
    if (value === null || value === '') continue;
    const one = queueFilterSchema.shape[key].safeParse(value);
    if (one.success && one.data !== undefined) filter[key] = one.data;
    else if (!one.success)
      problems.push(`${key}: ${one.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  return { filter: queueFilterSchema.parse(filter), problems };
}

export function filterFromSearch(search: string): QueueFilterView {
  return readFilterLink(search).filter;
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
