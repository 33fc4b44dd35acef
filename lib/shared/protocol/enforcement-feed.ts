/**
 * Decisions coming back to the extension: enforcement actions as the endpoint recorded them,
 * pushed on /v1/escalations/events (`event: enforcement`) the moment they commit, and read
 * again from /v1/enforcement-actions?since= after a stream drops, so none is missed. The
 * extension keeps those about creators it has seen (their cached history).
 */
import { z } from 'zod';
import { enforcementActionSchema } from './history';
import { isoTimeSchema } from './records';

export const recordedEnforcementActionSchema = enforcementActionSchema.extend({
  /** When the endpoint stored it: the feed's cursor (`at` is when it was taken, maybe earlier). */
  recordedAt: isoTimeSchema,
});
export type RecordedEnforcementAction = z.infer<typeof recordedEnforcementActionSchema>;

export const MAX_ENFORCEMENT_FEED = 500;

export const enforcementFeedSchema = z.object({
  /** Recorded after `since`, oldest first, at most MAX_ENFORCEMENT_FEED. */
  actions: z.array(recordedEnforcementActionSchema),
  /** Whether more were recorded after the last one here (ask again from its recordedAt). */
  more: z.boolean(),
});
export type EnforcementFeed = z.infer<typeof enforcementFeedSchema>;
