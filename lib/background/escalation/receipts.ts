/**
 * Receipts from the endpoint: the reviewer's own escalations as it holds them now
 * (acknowledged by whom, the outcome), merged into the local rows. Returns the receipts not
 * yet announced, so each acknowledgement and resolution is notified once.
 */

import { z } from 'zod';
import type { FlagpostDb } from '@/lib/background/store/db';
import type { EscalationRow } from '@/lib/background/store/escalation-row';
import type { EndpointConfig } from '@/lib/background/sync/transport';
import { escalationSchema } from '@/lib/shared/protocol/escalations';
import { applyRemote } from './escalations-repo';
import { escalationsUrl } from './send-escalation';

const listShape = z.object({ escalations: z.array(z.unknown()).max(10_000) });

export interface Announcement {
  row: EscalationRow;
  receipt: 'acknowledged' | 'resolved';
}

/** Whether any delivered escalation still waits for a lead's decision. */
export async function awaitingDecision(db: FlagpostDb): Promise<boolean> {
  const delivered = await db.escalations.where('lane').equals('delivered').toArray();
  return delivered.some((row) => row.remote?.state !== 'resolved');
}

export async function refreshReceipts(
  db: FlagpostDb,
  config: EndpointConfig,
  options: { timeoutMs: number; fetch?: typeof fetch },
): Promise<Announcement[]> {
  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(escalationsUrl(config.endpointUrl), {
    headers: { authorization: `Bearer ${config.token}` },
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status} reading escalation receipts`);
  const parsed = listShape.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new Error('The endpoint sent an unreadable list of escalations');
  // One by one: an entry this release cannot read (a newer endpoint's decision, say) is
  // skipped alone, never the others with it.
  const readable = parsed.data.escalations.flatMap((entry) => {
    const one = escalationSchema.safeParse(entry);
    return one.success ? [one.data] : [];
  });
  const announcements: Announcement[] = [];
  for (const remote of readable) {
    const applied = await applyRemote(db, remote);
    if (applied?.announce) announcements.push({ row: applied.row, receipt: applied.announce });
  }
  return announcements;
}
