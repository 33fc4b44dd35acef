/**
 * A pack import error in plain words, in the UI language: where it is ("Policy 4
 * (counterfeit-goods), rule 1") rather than a JSON path ("policies[3].rules[0].terms"), and
 * what is wrong ("the term list is empty") rather than the validator's English. The JSON
 * path and the message as they came stay available as the technical line. A message not
 * recognised still gets a place and a "… is not valid" in the UI language; one about no
 * field at all (the endpoint could not be reached) is shown as it came.
 */
import type { MessageKey, Translate } from '@/lib/i18n/keys';
import type { PackErrorView } from '@/lib/messaging/pack-messages';

/** The fields a reviewer meets most, by their name in the pack file. */
const FIELD: Record<string, MessageKey> = {
  terms: 'packFieldTerms',
  patterns: 'packFieldPatterns',
  rules: 'packFieldRules',
  policies: 'packFieldPolicies',
  name: 'packFieldName',
  id: 'packFieldId',
  severity: 'packFieldSeverity',
  markets: 'packFieldMarkets',
  version: 'packFieldVersion',
};

/** `policies[3].rules[0]["a b"]` -> ['policies', 3, 'rules', 0, 'a b']; undefined if no path. */
export function packPathParts(path: string): Array<string | number> | undefined {
  const parts: Array<string | number> = [];
  const token = /\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let at = 0;
  while (at < path.length) {
    token.lastIndex = at;
    const match = token.exec(path);
    if (!match || (match.index === 0 && match[0].startsWith('.'))) return undefined;
    if (match[1] !== undefined) parts.push(match[1]);
    else if (match[2] !== undefined) parts.push(Number(match[2]));
    else {
      try {
        parts.push(String(JSON.parse(match[3] ?? '""')));
      } catch {
        return undefined;
      }
    }
    at = token.lastIndex;
  }
  return parts;
}

interface Place {
  /** "Policy 4 (counterfeit-goods), rule 1, example 2": empty for the pack as a whole. */
  where: string;
  /** The field the problem is in, as a noun ("the term list"), or undefined at the top. */
  field: string | undefined;
}

function placeOf(error: PackErrorView, t: Translate): Place {
  const parts = packPathParts(error.path) ?? [];
  const where: string[] = [];
  let rest = parts;
  if (rest[0] === 'policies' && typeof rest[1] === 'number') {
    const policy = t('packWherePolicy', String(rest[1] + 1));
    where.push(error.policyId ? `${policy} (${error.policyId})` : policy);
    rest = rest.slice(2);
    if (rest[0] === 'rules' && typeof rest[1] === 'number') {
      const rule = t('packWhereRule', String(rest[1] + 1));
      where.push(error.ruleId ? `${rule} (${error.ruleId})` : rule);
      rest = rest.slice(2);
    }
  } else if (rest[0] === 'contexts' && typeof rest[1] === 'string') {
    where.push(t('packWhereContext', rest[1]));
    rest = rest.slice(2);
  }
  // An example's own number, not "entry 3 of mustMatch".
  const example = rest[0] === 'examples' && typeof rest[2] === 'number' ? rest[2] : undefined;
  if (example !== undefined) {
    where.push(t('packWhereExample', String(example + 1)));
    return { where: where.join(', '), field: undefined };
  }
  const names = rest.filter((part): part is string => typeof part === 'string');
  const last = rest.at(-1);
  if (typeof last === 'number' && names.length > 0)
    where.push(t('packWhereEntry', String(last + 1)));
  const name = names.at(-1);
  const field =
    name === undefined ? undefined : FIELD[name] ? t(FIELD[name]) : t('packFieldOther', name);
  return { where: where.join(', '), field };
}

/**
 * What is wrong, in the UI language; `field` is the noun the sentence is about. Undefined
 * for a message not recognised.
 */
function problemOf(error: PackErrorView, field: string, t: Translate): string | undefined {
  const { message } = error;
  if (message.startsWith('Not JSON')) return t('packProblemNotJson');
  if (message === 'pack is nested too deeply or too large') return t('packProblemTooLarge');
  if (message.startsWith('pack could not be loaded')) return t('packProblemUnreadable');
  if (message.startsWith('pack is unsigned')) return t('packProblemUnsigned');
  if (error.path === 'signature' && /signed|signature/.test(message))
    return t('packProblemSignature');
  if (/^version .* is older than the active/.test(message)) return t('packProblemOlder');
  const duplicate = /^duplicate (?:policy|rule) id "(.*)"$/.exec(message);
  if (duplicate) return t('packProblemDuplicateId', duplicate[1] ?? '');
  if (/^example should match but does not/.test(message) || /should be found in/.test(message))
    return t('packProblemShouldMatch', error.example ?? '');
  if (/^example should not match but does/.test(message) || /should not be found in/.test(message))
    return t('packProblemShouldNotMatch', error.example ?? '');
  if (message === 'unknown key') return t('packProblemUnknownKey', field);
  if (/^must have at least 1 item|^must be a non-empty string$|^needs at least one/.test(message))
    return t('packProblemEmpty', field);
  const tooMany = /^must (?:have|be) at most (\d+)/.exec(message);
  if (tooMany) return t('packProblemTooMany', [field, tooMany[1] ?? '']);
  const oneOf = /^must be one of (.+)$/.exec(message);
  if (oneOf) return t('packProblemOneOf', [field, (oneOf[1] ?? '').replaceAll('"', '')]);
  if (/^must be an? (?:string|array|object|number|boolean)$/.test(message))
    return t('packProblemWrongType', field);
  if (/^(?:refused|could not be compiled):/.test(message)) return t('packProblemPattern', field);
  return undefined;
}

export interface PackProblem {
  /** "Policy 4 (counterfeit-goods), rule 1: the term list is empty" */
  text: string;
  /** The JSON path and the message as the engine wrote them. */
  technical: string;
}

export function packProblem(error: PackErrorView, t: Translate): PackProblem {
  const { where, field } = placeOf(error, t);
  const noun = field ?? (error.path ? t('packFieldOther', error.path) : '');
  // Not about a field (the endpoint could not be reached, say): its own words, as they came.
  const problem = problemOf(error, noun, t) ?? (noun ? t('packProblemOther', noun) : error.message);
  const text = where ? `${where}: ${problem}` : capitalise(problem);
  const technical = [
    error.path && error.path,
    error.message,
    error.example !== undefined && `"${error.example}"`,
  ]
    .filter(Boolean)
    .join(' · ');
  return { text, technical };
}

/** "the term list is empty" opening a line reads "The term list is empty". */
function capitalise(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const letter = String.fromCodePoint(first);
  return letter.toLocaleUpperCase() + text.slice(letter.length);
}
