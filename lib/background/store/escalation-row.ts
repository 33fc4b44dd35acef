/**
 * An escalation as the extension keeps it (schema v6): what the reviewer sent, where it is
 * in its own delivery lane, and the endpoint's last word on it (the receipts).
 */
import type { Escalation, EscalationCreate } from '@/lib/shared/protocol/escalations';

/**
 * `queued`: written, not yet stored by the endpoint; `delivered`: the endpoint answered
 * 200/201 with it; `refused`: the endpoint refused it for good (a bad token, 400, 409),
 * `lastError` says why, and it waits for the reviewer.
 */
export type EscalationLaneState = 'queued' | 'delivered' | 'refused';

export interface EscalationRow extends EscalationCreate {
  lane: EscalationLaneState;
  /** Failed sends since it was queued; sets the next wait (1 s doubling to 15 s, jittered). */
  attempts: number;
  /** Epoch ms before which the lane does not send it again (survives the worker stopping). */
  nextAttemptAt: number;
  lastError?: string;
  /** When the endpoint first answered that it holds it. */
  deliveredAt?: string;
  /** The endpoint's view at the last answer or event: acknowledged by whom, the outcome. */
  remote?: Escalation;
  /** Receipts already announced with a browser notification, so each is announced once. */
  notified: ('acknowledged' | 'resolved')[];
}
