/**
 * Context in rules, as the pack declares it: named context lists (negation, "how to spot",
 * warning and news framing, licensed or toy senses, commerce words...) declared once at the
 * top of a pack, and the clauses a terms or pattern rule uses to look around each match:
 *   near:     a partner must occur in the window (the partner becomes evidence);
 *   requires: a context must occur in the window (explained on the finding, not evidence);
 *   unless:   a context in the window cancels the match (negation, news framing...).
 * Windows count words and stay inside the sentence unless told otherwise (see words.ts).
 */
import { z } from 'zod';

/** The languages a term may name (the six market languages). */
export const TERM_LANGUAGES = ['en', 'th', 'vi', 'id', 'ms', 'fil'] as const;

const MSG_NON_EMPTY = 'must be a non-empty string';
export const CONTEXT_LIMITS = {
  contexts: 200,
  termsPerLanguage: 10_000,
  patterns: 50,
  patternLength: 1000,
  windowWords: 50,
  unless: 20,
  examples: 100,
} as const;

/** The six market languages, plus "any" for language-neutral entries (symbols, brand words). */
export const CONTEXT_LANGUAGES = ['en', 'th', 'vi', 'id', 'ms', 'fil', 'any'] as const;
export type ContextLanguage = (typeof CONTEXT_LANGUAGES)[number];

const nonEmpty = (max: number) =>
  z
    .string({ error: MSG_NON_EMPTY })
    .min(1, { error: MSG_NON_EMPTY })
    .max(max, { error: `must be at most ${max} characters` });
export const contextIdSchema = z
  .string({ error: MSG_NON_EMPTY })
  .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, {
    error: 'must be an id: lower-case letters, digits, ".", "_" or "-" (at most 80)',
  });
const diacritics = z.enum(['sensitive', 'insensitive']).optional();
const words = z
  .number({ error: 'must be a number of words' })
  .int({ error: 'must be a whole number of words' })
  .min(0, { error: 'must be at least 0 words' })
  .max(CONTEXT_LIMITS.windowWords, {
    error: `must be at most ${CONTEXT_LIMITS.windowWords} words`,
  });

/**
 * A window around a match. `within: N` is N words either side, `before` / `after` one side
 * each (both may be given); "field" is anywhere in the same field, "item" anywhere in the
 * item. N counts the words strictly between the two: adjacent words are 0 apart.
 */
const windowShape = {
  within: z
    .union([words, z.literal('field'), z.literal('item')], {
      error: `must be a number of words (0-${CONTEXT_LIMITS.windowWords}), "field" or "item"`,
    })
    .optional(),
  before: words.optional(),
  after: words.optional(),
  /** Default false: a word window stops at the end of a sentence (". ", "!", "?", line break). */
  crossSentences: z.boolean({ error: 'must be true or false' }).optional(),
};

function checkWindow(
  value: { within?: unknown; before?: unknown; after?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (value.within !== undefined && (value.before !== undefined || value.after !== undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['within'],
      message: 'give either within or before/after, not both',
    });
  }
}

export const windowSchema = z
  .strictObject(windowShape, {
    error: 'must be a window object {within} or {before, after}',
  })
  .superRefine(checkWindow);
export type WindowSpec = z.infer<typeof windowSchema>;

export const contextTermSchema = z.union(
  [
    nonEmpty(200),
    z.strictObject({
      term: nonEmpty(200),
      diacritics,
      wholeWord: z.boolean().optional(),
      /** The term's language where its list does not give it (see pack-schema.ts). */
      language: z
        .enum(TERM_LANGUAGES, { error: `must be one of ${TERM_LANGUAGES.join(', ')}` })
        .optional(),
    }),
  ],
  { error: `${MSG_NON_EMPTY} (at most 200) or a {term} object` },
);

const contextPatternSchema = z.union(
  [
    nonEmpty(CONTEXT_LIMITS.patternLength),
    z.strictObject({
      pattern: nonEmpty(CONTEXT_LIMITS.patternLength),
      /** Default "digits" (digits kept, currency symbols as typed); "text": the leet-folded key. */
      key: z.enum(['digits', 'text']).optional(),
    }),
  ],
  { error: 'must be a pattern string or a {pattern, key} object' },
);

const termList = z
  .array(contextTermSchema)
  .min(1, { error: 'must have at least 1 term' })
  .max(CONTEXT_LIMITS.termsPerLanguage);
const termsByLanguage = z.strictObject(
  Object.fromEntries(CONTEXT_LANGUAGES.map((l) => [l, termList.optional()])) as Record<
    ContextLanguage,
    z.ZodOptional<typeof termList>
  >,
  { error: `must be an object of term lists by language (${CONTEXT_LANGUAGES.join(', ')})` },
);

const contextExampleSchema = nonEmpty(10_000);

export const contextSpecSchema = z
  .strictObject({
    description: nonEmpty(2000).optional(),
    /** Terms by language; matched like a terms rule (whole words, diacritics sensitive). */
    terms: termsByLanguage.optional(),
    patterns: z.array(contextPatternSchema).min(1).max(CONTEXT_LIMITS.patterns).optional(),
    diacritics,
    wholeWord: z.boolean().optional(),
    /** A structured price on the item counts as this context when a window is "item". */
    itemPrice: z.boolean().optional(),
    /** The window a rule gets when it names this context without one. */
    window: windowSchema.optional(),
    /**
     * Framing is no blanket excuse: where a clause looks for this context in the whole field
     * or item, a match with a partner of `context` (an offer: a price, "DM me", "we stock")
     * within `within` words in its own sentence is not cancelled, unless this context itself
     * lies within `keepWithin` words of the match in that sentence. "How to spot a fake Royal
     * Oak. That said, we stock mirror grade, $480" fires; "if someone DMs you to pay by GCash,
     * it's a scam" does not. `pivot`: a context ("anyway", "that said", "btw") that, lying
     * between this context and the match, ends its reach ("legit check tips: look at the
     * stitching. Anyway we have class A, DM"). Word-window clauses of the context are not
     * affected.
     */
    liftedBy: z
      .strictObject(
        {
          context: contextIdSchema,
          within: words,
          keepWithin: words,
          pivot: contextIdSchema.optional(),
        },
        { error: 'must be an object {context, within, keepWithin, pivot?}' },
      )
      .optional(),
    examples: z.strictObject({
      mustMatch: z
        .array(contextExampleSchema)
        .min(1, 'needs at least one example')
        .max(CONTEXT_LIMITS.examples),
      mustNotMatch: z
        .array(contextExampleSchema)
        .min(1, 'needs at least one example')
        .max(CONTEXT_LIMITS.examples),
    }),
  })
  .superRefine((value, ctx) => {
    const hasTerms = value.terms && Object.values(value.terms).some((t) => t && t.length > 0);
    if (!hasTerms && !value.patterns) {
      ctx.addIssue({ code: 'custom', path: ['terms'], message: 'needs terms or patterns' });
    }
  });
export type ContextSpec = z.infer<typeof contextSpecSchema>;

export const contextsSchema = z
  .record(contextIdSchema, contextSpecSchema, {
    error: 'must be an object of contexts by id ({"negation": {...}})',
  })
  .refine((c) => Object.keys(c).length <= CONTEXT_LIMITS.contexts, {
    error: `must have at most ${CONTEXT_LIMITS.contexts} contexts`,
  });

/** What a clause looks for: a declared context, an inline term list, or an inline pattern. */
const clauseObject = z
  .strictObject(
    {
      context: contextIdSchema.optional(),
      terms: z.array(contextTermSchema).min(1).max(CONTEXT_LIMITS.termsPerLanguage).optional(),
      pattern: nonEmpty(CONTEXT_LIMITS.patternLength).optional(),
      key: z.enum(['digits', 'text']).optional(),
      diacritics,
      wholeWord: z.boolean().optional(),
      ...windowShape,
    },
    {
      error:
        'must be a context id or a clause object {context | terms | pattern, within | before | after}',
    },
  )
  .superRefine((value, ctx) => {
    const given = (['context', 'terms', 'pattern'] as const).filter((k) => value[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: given.length > 1 ? [given[1]!] : [],
        message: 'needs exactly one of context, terms, pattern',
      });
    }
    if (value.key !== undefined && value.pattern === undefined) {
      ctx.addIssue({ code: 'custom', path: ['key'], message: 'key applies only to a pattern' });
    }
    const inline = value.context === undefined;
    const hasWindow =
      value.within !== undefined || value.before !== undefined || value.after !== undefined;
    if (inline && given.length === 1 && !hasWindow) {
      ctx.addIssue({
        code: 'custom',
        path: ['within'],
        message: 'an inline terms or pattern clause needs a window: within, before or after',
      });
    }
    checkWindow(value, ctx);
  });

/** A string is shorthand for {context: id} with the context's declared window. */
export const clauseSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { context: v } : v),
  clauseObject,
);
export type ClauseSpec = z.infer<typeof clauseObject>;
export type ClauseInput = ClauseSpec | string;

export const unlessSchema = z.array(clauseSchema).min(1).max(CONTEXT_LIMITS.unless);

/** The context keys a terms or pattern matcher may carry. */
export const contextClauseShape = {
  near: clauseSchema.optional(),
  requires: clauseSchema.optional(),
  unless: unlessSchema.optional(),
  /** Default true: the policy's unless clauses apply to this matcher's matches as well. */
  inheritUnless: z.boolean({ error: 'must be true or false' }).optional(),
};
