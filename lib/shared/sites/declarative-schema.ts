/**
 * The data an organisation writes to teach Flagpost a site: URL patterns and, per field,
 * a CSS selector (optionally an attribute and a regular expression). Validated on import
 * against the document it will run in, so a selector the browser cannot parse is an error
 * naming its place in the file, not a silent miss later.
 */
import { z } from 'zod';
import { contentKindSchema, marketSchema, platformSchema } from '@/lib/shared/protocol/records';
import { compileMatchPattern } from './match-pattern';

/**
 * What checks a selector: a document, as the options page has one. Only its querySelector is
 * needed, so this pure module takes no DOM types (the background has no document).
 */
export interface SelectorHost {
  querySelector(selector: string): unknown;
}

/** Why the browser would refuse the selector, or undefined when it is fine. */
export function selectorProblem(selector: string, doc: SelectorHost): string | undefined {
  // Some DOMs accept these; browsers do not.
  if (selector.trim() === '' || /[>+~,]\s*$/.test(selector)) return 'incomplete';
  try {
    doc.querySelector(selector);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : 'not parseable';
  }
}

function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : 'not parseable';
  }
}

/**
 * The schemas, with CSS selectors checked against `doc`. Without a document (the
 * background's service worker has none) selectors are checked for length only.
 */
export function declarativeSchemas(doc?: SelectorHost) {
  const css = z
    .string()
    .max(1000)
    .superRefine((selector, ctx) => {
      if (doc && selectorProblem(selector, doc) !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `invalid CSS selector ${JSON.stringify(selector)}`,
        });
      }
    });

  const field = z.preprocess(
    (value) => (typeof value === 'string' ? { selector: value } : value),
    z.strictObject({
      /** Relative to the item's container; absent means the container itself. */
      selector: css.optional(),
      /** Read this attribute instead of the text. */
      attribute: z
        .string()
        .regex(/^[a-zA-Z_:][-a-zA-Z0-9_:.]{0,100}$/, 'must be an attribute name such as "href"')
        .optional(),
      /** Keep the first capture group (or the whole match) of this regular expression. */
      pattern: z
        .string()
        .max(500)
        .superRefine((pattern, ctx) => {
          const problem = regexProblem(pattern);
          if (problem) {
            ctx.addIssue({
              code: 'custom',
              message: `invalid regular expression ${JSON.stringify(pattern)}: ${problem}`,
            });
          }
        })
        .optional(),
    }),
  );

  const urlPattern = z
    .string()
    .max(2000)
    .superRefine((pattern, ctx) => {
      const compiled = compileMatchPattern(pattern);
      if ('error' in compiled) {
        ctx.addIssue({
          code: 'custom',
          message: `invalid match pattern ${JSON.stringify(pattern)}: ${compiled.error}`,
        });
      }
    });

  const adapter = z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and "-"'),
    name: z.string().min(1).max(100),
    /** The platform items are filed under; defaults to the id. */
    platform: platformSchema.optional(),
    /** The market of every item, when the site serves one. */
    market: marketSchema.optional(),
    urlPatterns: z.array(urlPattern).min(1).max(50),
    item: z.strictObject({
      container: css,
      kind: contentKindSchema,
      itemId: field,
      url: field.optional(),
      title: field.optional(),
      description: field.optional(),
      creatorId: field.optional(),
      creatorHandle: field.optional(),
      creatorName: field.optional(),
      price: field.optional(),
      listPrice: field.optional(),
      currency: field.optional(),
      market: field.optional(),
    }),
  });

  const file = z.strictObject({
    version: z.literal(1).optional(),
    adapters: z.array(adapter).max(100),
  });

  return { adapter, field, file };
}

type Schemas = ReturnType<typeof declarativeSchemas>;
export type DeclarativeAdapterSpec = z.output<Schemas['adapter']>;
export type DeclarativeField = z.output<Schemas['field']>;
