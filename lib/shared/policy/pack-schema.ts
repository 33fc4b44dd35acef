/**
 * The policy pack format (versioned JSON), validated with Zod. Objects are strict so a
 * misspelt key ("mustmatch") is an error naming its path rather than a silently ignored
 * rule. Limits keep a hostile pack from exhausting memory.
 */
import { z } from 'zod';
import { escalationCategorySchema } from '@/lib/shared/protocol/escalations';
import { type Market, marketSchema, severitySchema } from '@/lib/shared/protocol/records';
import {
  type ContextSpec,
  contextClauseShape,
  contextsSchema,
  TERM_LANGUAGES,
  unlessSchema,
} from './context-schema';

const MSG_NON_EMPTY = 'must be a non-empty string';
export const LIMITS = {
  policies: 1000,
  rulesPerPolicy: 200,
  termsPerRule: 100_000,
  termLength: 200,
  patternLength: 1000,
  examples: 100,
  children: 100,
  depth: 32,
  text: 10_000,
} as const;

const text = (max: number) =>
  z
    .string({ error: MSG_NON_EMPTY })
    .min(1, { error: MSG_NON_EMPTY })
    .max(max, { error: `must be at most ${max} characters` });
const id = z.string({ error: MSG_NON_EMPTY }).regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, {
  error: 'must be an id: lower-case letters, digits, ".", "_" or "-" (at most 80)',
});
const finite = z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be finite');
const fieldsSchema = z.array(text(64)).min(1).max(20).optional();
const diacriticsSchema = z.enum(['sensitive', 'insensitive']).optional();

/**
 * A term's language, where its spelling alone does not tell: a Vietnamese term written
 * without marks ("ngu") must then be met without marks in a text typed with them ("ngủ" is
 * another word). Left out, a term with Latin diacritics reads as Vietnamese, any other not.
 */
const termLanguageSchema = z
  .enum(TERM_LANGUAGES, { error: `must be one of ${TERM_LANGUAGES.join(', ')}` })
  .optional();

export const termSchema = z.union(
  [
    text(LIMITS.termLength),
    z.strictObject({
      term: text(LIMITS.termLength),
      diacritics: diacriticsSchema,
      wholeWord: z.boolean().optional(),
      language: termLanguageSchema,
    }),
  ],
  { error: `${MSG_NON_EMPTY} (at most ${LIMITS.termLength}) or a {term} object` },
);

const termsShape = {
  kind: z.literal('terms'),
  terms: z.array(termSchema).min(1).max(LIMITS.termsPerRule),
  /** Default "sensitive": Vietnamese diacritics matter unless a term opts out. */
  diacritics: diacriticsSchema,
  /** Default true: Latin-script terms match whole words; Thai never needs spaces. */
  wholeWord: z.boolean().optional(),
  fields: fieldsSchema,
  ...contextClauseShape,
};
const patternShape = {
  kind: z.literal('pattern'),
  pattern: text(LIMITS.patternLength),
  /** Default "digits": digits kept and un-split; "text": the leet-folded text key. */
  key: z.enum(['digits', 'text']).optional(),
  /** A checksum a match must pass (cuts false positives on ID-like numbers). */
  check: z.enum(['th-national-id', 'sg-nric', 'luhn']).optional(),
  fields: fieldsSchema,
  ...contextClauseShape,
};
const numberShape = {
  kind: z.literal('number'),
  field: z.enum(['price', 'listPrice', 'discount', 'accountAgeDays']),
  op: z.enum(['<', '<=', '>', '>=', '==', '!=']),
  value: finite,
  /** When set, the condition only holds for prices in this currency. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "SGD"')
    .optional(),
};
const hashtagsShape = {
  kind: z.literal('hashtags'),
  tags: z.array(text(100)).min(1).max(1000),
  /** true: holds when one of the tags is present; false: when none is (missing disclosure). */
  present: z.boolean(),
};

export type TermSpec = z.infer<typeof termSchema>;
export type TermsSpec = z.infer<z.ZodObject<typeof termsShape>>;
export type PatternSpec = z.infer<z.ZodObject<typeof patternShape>>;
export type NumberSpec = z.infer<z.ZodObject<typeof numberShape>>;
export type HashtagsSpec = z.infer<z.ZodObject<typeof hashtagsShape>>;
export type MatcherSpec =
  | TermsSpec
  | PatternSpec
  | NumberSpec
  | HashtagsSpec
  | { kind: 'all'; rules: MatcherSpec[] }
  | { kind: 'any'; rules: MatcherSpec[] }
  | { kind: 'not'; rule: MatcherSpec };

const KIND_MESSAGE = 'kind must be one of terms, pattern, number, hashtags, all, any, not';

const matcherSchema: z.ZodType<MatcherSpec> = z.lazy(() =>
  z.discriminatedUnion('kind', matcherOptions({}), { error: KIND_MESSAGE }),
);
const children = z.array(matcherSchema).min(1).max(LIMITS.children);

function matcherOptions<E extends z.ZodRawShape>(extra: E) {
  return [
    z.strictObject({ ...termsShape, ...extra }),
    z.strictObject({ ...patternShape, ...extra }),
    z.strictObject({ ...numberShape, ...extra }),
    z.strictObject({ ...hashtagsShape, ...extra }),
    z.strictObject({ kind: z.literal('all'), rules: children, ...extra }),
    z.strictObject({ kind: z.literal('any'), rules: children, ...extra }),
    z.strictObject({ kind: z.literal('not'), rule: matcherSchema, ...extra }),
  ] as const;
}

export const exampleInputSchema = z.strictObject({
  market: marketSchema.optional(),
  fields: z.record(z.string(), z.string().max(LIMITS.text)).optional(),
  hashtags: z.array(z.string().max(200)).max(100).optional(),
  price: z
    .strictObject({
      amount: finite,
      currency: z.string().min(1).max(8),
      listAmount: finite.optional(),
    })
    .optional(),
  accountAgeDays: finite.optional(),
  note: z.string().max(500).optional(),
});
/** A string example is checked as the text of the rule's first field (default "description"). */
export const exampleSchema = z.union([text(LIMITS.text), exampleInputSchema], {
  error: 'must be a non-empty string or an example object {fields, hashtags, price, ...}',
});
export type ExampleSpec = z.infer<typeof exampleSchema>;

const examplesSchema = z.strictObject({
  mustMatch: z.array(exampleSchema).min(1, 'needs at least one example').max(LIMITS.examples),
  mustNotMatch: z.array(exampleSchema).min(1, 'needs at least one example').max(LIMITS.examples),
});

/**
 * Markets a policy or rule is for, each at most once. On a rule it narrows where the rule
 * runs: an item sold elsewhere (or, with no known market, a reviewer whose default market is
 * not listed) never gets it, so a Malaysian IC pattern stays quiet on Thai and European pages.
 */
const marketsSchema = z
  .array(marketSchema, { error: 'must be a list of markets (SG, MY, TH, VN, ID, PH)' })
  .min(1, 'must name at least one market (leave it out to apply everywhere)')
  .max(6)
  .refine((list) => new Set(list).size === list.length, 'must not name a market twice');

/** The languages a policy's or rule's name may be given in: the UI's six (lib/shared/settings/languages). */
export const POLICY_NAME_LANGUAGES = ['en', 'th', 'vi', 'id', 'ms', 'fil'] as const;
/**
 * A policy's or rule's name per UI language, shown to reviewers instead of its id
 * (policy-name.ts picks one; a policy falls back to its title, a rule to its description).
 */
const namesSchema = z.strictObject(
  Object.fromEntries(POLICY_NAME_LANGUAGES.map((l) => [l, text(200).optional()])) as Record<
    (typeof POLICY_NAME_LANGUAGES)[number],
    z.ZodOptional<ReturnType<typeof text>>
  >,
  { error: `must be an object of names by language (${POLICY_NAME_LANGUAGES.join(', ')})` },
);
export type PolicyNames = z.infer<typeof namesSchema>;

const ruleExtras = {
  id,
  names: namesSchema.optional(),
  description: text(2000).optional(),
  markets: marketsSchema.optional(),
  examples: examplesSchema,
};
export const ruleSchema = z.discriminatedUnion('kind', matcherOptions(ruleExtras), {
  error: KIND_MESSAGE,
});
export type RuleSpec = MatcherSpec & {
  id: string;
  names?: PolicyNames;
  description?: string;
  markets?: Market[];
  examples: z.infer<typeof examplesSchema>;
};

export const policySchema = z
  .strictObject({
    id,
    title: text(200),
    names: namesSchema.optional(),
    description: text(4000),
    severity: severitySchema,
    /**
     * An emergency category (a minor in danger, threats, self-harm, a dangerous product): every
     * finding of the policy proposes an escalation to a lead, which the reviewer confirms.
     */
    emergency: z.boolean({ error: 'must be true or false' }).optional(),
    /** The escalation category the proposal starts with; only on an emergency policy. */
    escalationCategory: escalationCategorySchema.optional(),
    /** Absent: the policy applies on every market (its rules may still name theirs). */
    markets: marketsSchema.optional(),
    guidance: text(4000),
    /** Exceptions for every terms and pattern matcher of the policy (outside "not"). */
    unless: unlessSchema.optional(),
    rules: z.array(ruleSchema).min(1).max(LIMITS.rulesPerPolicy),
  })
  .refine((p) => p.escalationCategory === undefined || p.emergency === true, {
    path: ['escalationCategory'],
    message: 'only an emergency policy ("emergency": true) names an escalation category',
  });
export type PolicySpec = Omit<z.infer<typeof policySchema>, 'rules'> & { rules: RuleSpec[] };

export const signatureSchema = z.strictObject({
  alg: z.literal('Ed25519'),
  /** The signer's raw public key, base64. */
  keyId: text(100),
  value: text(200),
});

export const packSchema = z.strictObject({
  id,
  version: z
    .string({ error: MSG_NON_EMPTY })
    .regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, 'must be a version such as "1.4.0"'),
  title: text(200).optional(),
  description: text(4000).optional(),
  /** Named context lists (id -> terms by language, patterns) that rules refer to by id. */
  contexts: contextsSchema.optional(),
  policies: z.array(policySchema).min(1).max(LIMITS.policies),
  signature: signatureSchema.optional(),
});
export type PackSpec = Omit<z.infer<typeof packSchema>, 'policies' | 'contexts'> & {
  policies: PolicySpec[];
  contexts?: Record<string, ContextSpec>;
};
