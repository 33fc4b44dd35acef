/**
 * Messages as templates, so a content script can fill them without asking the browser.
 * `browser.i18n.getMessage(key, TEMPLATE_SLOTS)` gives a message with its placeholders
 * resolved to stand-ins for its substitutions (private-use characters, which no message
 * contains); `fillTemplate` puts the real substitutions in. Pure: no browser code here.
 */
const SLOT = '\uE000';
const SLOT_PATTERN = /\uE000([1-9])/g;

/** Stand-ins for substitutions $1 to $9, the most `getMessage` takes. */
export const TEMPLATE_SLOTS: readonly string[] = Array.from(
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
