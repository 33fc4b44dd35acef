/**
 * The console views' inputs: one Zod schema per view, so every filter value a route passes
 * on (query-string text included) is checked here, and a bad one is refused with a message
 * naming the filter, never a database error.
 */
import { z } from 'zod';
import { ESCALATION_CATEGORIES, ESCALATION_STATES } from '@/lib/shared/protocol/escalations';
import { describeIssues, type ValidationIssue } from '@/lib/shared/protocol/issues';
import {
  flagStatusSchema,
  isoTimeSchema,
  MARKETS,
  platformSchema,
  reviewerIdSchema,
  SEVERITIES,
} from '@/lib/shared/protocol/records';
import { wireString } from '@/lib/shared/protocol/text';

/** A filter value was refused: `issues` name each bad one (`market: must be one of ...`). */
export class ConsoleQueryError extends Error {
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'ConsoleQueryError';
    this.issues = issues;
  }
}

/** Parses a view's input; throws ConsoleQueryError listing every refused value. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ConsoleQueryError(describeIssues(parsed.error));
  return parsed.data;
}

/** Longest time range a view of the rollups accepts (a leap year). */
export const MAX_RANGE_DAYS = 366;
/**
 * Longest range of the per-reviewer view: its medians come from every decision in the
 * range (a median does not roll up), so it is bounded to keep it fast.
 */
export const MAX_REVIEWER_RANGE_DAYS = 31;
export const MAX_PAGE_SIZE = 200;

const oneOf = (values: readonly string[]) => `must be one of ${values.join(', ')}`;

export const policyIdSchema = wireString()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters');
export const consoleMarketSchema = z.enum(MARKETS, { error: oneOf(MARKETS) });
export const consoleSeveritySchema = z.enum(SEVERITIES, { error: oneOf(SEVERITIES) });
export const consoleStatusSchema = z.enum(flagStatusSchema.options, {
  error: oneOf(flagStatusSchema.options),
});
const timeSchema = isoTimeSchema.or(z.date().transform((d) => d.toISOString()));

/** `platform:creatorId`, as creatorKey() writes it (a platform name never holds ":"). */
export const creatorKeySchema = wireString()
  .regex(/^[a-z0-9][a-z0-9.-]*:.+$/, 'must be "platform:creatorId", e.g. "shopvid:creator-1"')
  .transform((key) => {
    const colon = key.indexOf(':');
    return { platform: key.slice(0, colon), creatorId: key.slice(colon + 1) };
  })
  .pipe(z.object({ platform: platformSchema, creatorId: wireString().min(1).max(256) }));

const limitSchema = (fallback: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`)
    .default(fallback);

/** A time range, `from` inclusive and `to` exclusive; both ISO 8601 times with an offset. */
const rangeFields = {
  from: timeSchema.optional(),
  to: timeSchema.optional(),
};
type Range = { from?: string; to?: string };
function checkRange<T extends Range>(
  ctx: z.core.ParsePayload<T>,
  required: boolean,
  maxDays = MAX_RANGE_DAYS,
): void {
  const range = ctx.value;
  if (required && (!range.from || !range.to)) {
    ctx.issues.push({
      code: 'custom',
      input: range,
      path: [range.from ? 'to' : 'from'],
      message: 'a time range (from and to) is required',
    });
    return;
  }
  if (!range.from || !range.to) return;
  const span = Date.parse(range.to) - Date.parse(range.from);
  if (span <= 0)
    ctx.issues.push({ code: 'custom', input: range, path: ['to'], message: 'must be after from' });
  else if (span > maxDays * 86_400_000)
    ctx.issues.push({
      code: 'custom',
      input: range,
      path: ['to'],
      message: `the range may span at most ${maxDays} days`,
    });
}
const optionalRange = <T extends Range>(ctx: z.core.ParsePayload<T>) => checkRange(ctx, false);
const requiredRange = <T extends Range>(ctx: z.core.ParsePayload<T>) => checkRange(ctx, true);

/** The team's flag queue: newest first, every filter optional, keyset paged. */
export const flagQueueInputSchema = z
  .object({
    policy: policyIdSchema.optional(),
    market: consoleMarketSchema.optional(),
    severity: consoleSeveritySchema.optional(),
    status: consoleStatusSchema.optional(),
    creator: creatorKeySchema.optional(),
    reviewer: reviewerIdSchema.optional(),
    ...rangeFields,
    limit: limitSchema(50, MAX_PAGE_SIZE),
    /** The `nextCursor` of the previous page; opaque. */
    cursor: z.string().max(512, 'is not a cursor this endpoint issued').optional(),
  })
  .strict()
  .check(optionalRange);
export type FlagQueueInput = z.input<typeof flagQueueInputSchema>;

/** One creator across the team: every reviewer's records, and enforcement actions. */
export const creatorViewInputSchema = z
  .object({
    platform: platformSchema,
    creatorId: wireString().min(1, 'must not be empty').max(256),
    /** Most recent records returned (the totals count them all). */
    limit: limitSchema(200, 1000),
  })
  .strict();
export type CreatorViewInput = z.input<typeof creatorViewInputSchema>;

/** Metrics per policy, market and day (of the flag's creation, UTC). */
export const policyMarketMetricsInputSchema = z
  .object({
    ...rangeFields,
    policy: policyIdSchema.optional(),
    market: consoleMarketSchema.optional(),
  })
  .strict()
  .check(requiredRange);
export type PolicyMarketMetricsInput = z.input<typeof policyMarketMetricsInputSchema>;

/** Per reviewer, for flags created in the range (at most 31 days). */
export const reviewerMetricsInputSchema = z
  .object({
    ...rangeFields,
    policy: policyIdSchema.optional(),
    market: consoleMarketSchema.optional(),
  })
  .strict()
  .check(<T extends Range>(ctx: z.core.ParsePayload<T>) =>
    checkRange(ctx, true, MAX_REVIEWER_RANGE_DAYS),
  );
export type ReviewerMetricsInput = z.input<typeof reviewerMetricsInputSchema>;

/**
 * Agreement between reviewers who decided the same unit: the same item under the same
 * policy (`by: 'item'`), or the same item under the same rule (`by: 'rule'`).
 */
export const agreementInputSchema = z
  .object({
    ...rangeFields,
    by: z.enum(['item', 'rule'], { error: oneOf(['item', 'rule']) }).default('item'),
    policy: policyIdSchema.optional(),
    market: consoleMarketSchema.optional(),
    /** Reviewer pairs listed when they shared at least this many units. */
    minShared: limitSchema(1, 1_000_000),
    /** How many reviewer pairs to list (most shared units first). */
    limit: limitSchema(50, MAX_PAGE_SIZE),
  })
  .strict()
  .check(requiredRange);
export type AgreementInput = z.input<typeof agreementInputSchema>;

/** Team-wide rule precision, for flags created in the range (all time when none). */
export const rulePrecisionInputSchema = z
  .object({
    ...rangeFields,
    policy: policyIdSchema.optional(),
    /** A rule is one to tighten when its precision is below this... */
    tightenBelow: z.coerce
      .number({ error: 'must be a number between 0 and 1' })
      .min(0, 'must be between 0 and 1')
      .max(1, 'must be between 0 and 1')
      .default(0.6),
    /** ...over at least this many decisions (fewer say too little). */
    minDecisions: limitSchema(20, 1_000_000),
  })
  .strict()
  .check(optionalRange);
export type RulePrecisionInput = z.input<typeof rulePrecisionInputSchema>;

/** The escalation queue: oldest first within a state, keyset paged. */
export const escalationQueueInputSchema = z
  .object({
    state: z.enum(ESCALATION_STATES, { error: oneOf(ESCALATION_STATES) }).default('open'),
    category: z.enum(ESCALATION_CATEGORIES, { error: oneOf(ESCALATION_CATEGORIES) }).optional(),
    limit: limitSchema(50, MAX_PAGE_SIZE),
    cursor: z.string().max(512, 'is not a cursor this endpoint issued').optional(),
  })
  .strict();
export type EscalationQueueInput = z.input<typeof escalationQueueInputSchema>;
