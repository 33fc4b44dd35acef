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

/** Longest description shown in place of a rule's name (the rest is in the pack). */
const DESCRIPTION_AS_NAME = 80;

/**
 * A rule's name in the reviewer's language: the pack's name for it in that language, else its
 * English name, else the gist of its description (up to its first colon, bracket or full
 * stop), else its id in words ("not-genuine-but-same" -> "Not genuine but same"). Pages show
 * it after the policy's name, so a pack that names no rules still reads as policy + what the
 * rule looks for.
 */
export function ruleName(
  rule: { id: string; names?: PolicyNames | undefined; description?: string | undefined },
  language: string,
): string {
  const lang = nameLanguage(language);
  return (
    (lang && rule.names?.[lang]) ||
    rule.names?.en ||
    descriptionGist(rule.description) ||
    readableId(rule.id)
  );
}

/** "The seller admits ... likeness: 'not original ...'" -> "The seller admits ... likeness". */
export function descriptionGist(description: string | undefined): string | undefined {
  const gist = description?.split(/[:(]|\.(?:\s|$)/)[0]?.trim();
  if (!gist) return undefined;
  if (gist.length <= DESCRIPTION_AS_NAME) return gist;
  const cut = gist.slice(0, DESCRIPTION_AS_NAME);
  const space = cut.lastIndexOf(' ');
  return `${(space > DESCRIPTION_AS_NAME / 2 ? cut.slice(0, space) : cut).replace(/[,;\s]+$/, '')}…`;
}

/** An id in words: "not-genuine-but-same" -> "Not genuine but same"; "sg-nric" -> "Sg nric". */
export function readableId(id: string): string {
  const words = id.replace(/[-_.]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : id;
}
