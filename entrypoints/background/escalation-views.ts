/** Escalation views for the card: each flag's escalation with its state and outcome. */
import { toEscalationView } from '@/lib/background/escalation/escalation-view';
import { escalationsForFlags } from '@/lib/background/escalation/escalations-repo';
import type { FlagpostDb } from '@/lib/background/store/db';
import type { EscalationView } from '@/lib/messaging/escalation-messages';

export async function escalationViewsForFlags(
  db: FlagpostDb,
  flagIds: readonly string[],
): Promise<EscalationView[]> {
  return (await escalationsForFlags(db, flagIds)).map(toEscalationView);
}
