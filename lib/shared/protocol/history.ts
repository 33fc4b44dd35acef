/**
 * Creator history as the endpoint knows it: every reviewer's live flags and notes about a
 * creator, and the enforcement actions the governance system took. The extension merges it
 * with local records to compute the creator's risk score.
 */
import { z } from 'zod';
import { flagSchema, isoTimeSchema, noteSchema, platformSchema, recordIdSchema } from './records';
import { wireString } from './text';

export const creatorRefSchema = z.object({
  platform: platformSchema,
  creatorId: wireString().min(1).max(256),
});
export type CreatorRef = z.infer<typeof creatorRefSchema>;

export const ENFORCEMENT_ACTIONS = [
  'warning',
  'content_removed',
  'listing_removed',
  'restricted',
  'suspended',
  'banned',
  'reinstated',
] as const;
export const enforcementActionKindSchema = z.enum(ENFORCEMENT_ACTIONS);

export const enforcementActionSchema = z.object({
  /** Chosen by the governance system (a ULID) so that recording an action is idempotent. */
  id: recordIdSchema,
  creator: creatorRefSchema,
  action: enforcementActionKindSchema,
  reason: wireString().min(1).max(2000),
  at: isoTimeSchema,
});
export type EnforcementAction = z.infer<typeof enforcementActionSchema>;

export const creatorHistorySchema = z.object({
  creator: creatorRefSchema,
  /** Live (not deleted) flags from all reviewers, oldest first. */
  flags: z.array(flagSchema),
  /** Live notes on the creator or on their items, from all reviewers, oldest first. */
  notes: z.array(noteSchema),
  enforcementActions: z.array(enforcementActionSchema),
  generatedAt: isoTimeSchema,
});
export type CreatorHistory = z.infer<typeof creatorHistorySchema>;
