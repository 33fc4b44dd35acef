/**
 * A policy's name in the reviewer's language. Packs may name each policy in the six UI
 * languages (pack-schema `names`); the reviewer then reads "การพนัน" or "Promosi judi"
 * instead of an id. Falls back to English, then to the policy's title.
 */
import { POLICY_NAME_LANGUAGES, type PolicyNames } from './pack-schema';

type NameLanguage = (typeof POLICY_NAME_LANGUAGES)[number];

/** BCP 47 tags browsers report that mean one of the six ("tl" is Tagalog, "in" old Indonesian). */
const ALIASES: Readonly<Record<string, NameLanguage>> = { tl: 'fil', in: 'id', zsm: 'ms' };

/** The name language for a UI language or browser tag ("th-TH" -> "th"); undefined if none. */
export function nameLanguage(tag: string): NameLanguage | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const known = (POLICY_NAME_LANGUAGES as readonly string[]).includes(primary)
    ? (primary as NameLanguage)
    : undefined;
  return known ?? ALIASES[primary];
}

export function policyName(
  policy: { title: string; names?: PolicyNames },
  language: string,
): string {
  const lang = nameLanguage(language);
  return (lang && policy.names?.[lang]) || policy.names?.en || policy.title;
}
