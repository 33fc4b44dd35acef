/**
 * Messages as templates, so a content script can fill them without asking the browser.
 * `browser.i18n.getMessage(key, TEMPLATE_SLOTS)` gives a message with its placeholders
 * resolved to stand-ins for its substitutions (private-use characters, which no message
 * contains); `fillTemplate` puts the real substitutions in. Pure: no browser code here.
 */
const SLOT = '\uE000';
const SLOT_PATTERN = /\uE000([1-9])/g;

/** Stand-ins for substitutions $1 to $9, the most `getMessage` takes. */
// Pure: a bundle that never reads it (the content script) drops the call, not only the name.
export const TEMPLATE_SLOTS: readonly string[] = /* @__PURE__ */ Array.from(
  { length: 9 },
  (_, i) => `${SLOT}${i + 1}`,
);

/** The message, as `getMessage(key, substitutions)` would give it (a missing one is empty). */
export function fillTemplate(template: string, substitutions?: string | string[]): string {
  if (!template.includes(SLOT)) return template;
  const values =
    substitutions === undefined
      ? []
      : typeof substitutions === 'string'
        ? [substitutions]
        : substitutions;
  // One pass, so a substitution that itself looks like a stand-in is left as it is.
  return template.replace(SLOT_PATTERN, (_, n: string) => values[Number(n) - 1] ?? '');
}

interface CatalogueEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** `$$` (a dollar sign), `$NAME$` (a named placeholder) or `$1` (a substitution). */
const MESSAGE_TOKEN = /\$\$|\$([A-Za-z0-9_@]+)\$|\$([1-9])/g;
const CONTENT_TOKEN = /\$\$|\$([1-9])/g;

/**
 * A messages.json catalogue as templates, resolved the way `getMessage` resolves messages:
 * named placeholders by their content, `$1` to `$9` to substitutions, `$$` to `$`. For a
 * language the reviewer chose, which the browser's own `getMessage` cannot give.
 */
export function templatesFromCatalogue(
  catalogue: Readonly<Record<string, CatalogueEntry>>,
): Record<string, string> {
  const slot = (digit: string) => `${SLOT}${digit}`;
  const templates: Record<string, string> = {};
  for (const [key, entry] of Object.entries(catalogue)) {
    const placeholders = new Map(
      Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
    );
    templates[key] = entry.message.replace(
      MESSAGE_TOKEN,
      (token, name?: string, digit?: string) => {
        if (token === '$$') return '$';
        if (digit) return slot(digit);
        const content = placeholders.get(name?.toLowerCase() ?? '') ?? '';
        return content.replace(CONTENT_TOKEN, (_token, d?: string) => (d ? slot(d) : '$'));
      },
    );
  }
  return templates;
}
