/**
 * A site-adapter import error in plain words, in the UI language, as pack errors are
 * (pack-problem.ts): where it is ("Adapter 2 (review-console), the selector of item field
 * “title”") rather than a JSON path ("adapters[1].item.title.selector"), and what is wrong
 * ("the CSS selector “h1 >” cannot be read by the browser") rather than the validator's
 * English. The path and the message as they came stay available as the technical line.
 */
import type { MessageKey, Translate } from '@/lib/i18n/keys';
import { packPathParts } from './pack-problem';

/** An error as the adapter import reports it (lib/page/sites/declarative-import.ts). */
export interface DeclarativeError {
  /** Where in the imported file: `adapters[1].item.title.selector`; empty for the file. */
  path: string;
  message: string;
}

/** An adapter's own fields, by their name in the file. */
const ADAPTER_FIELD: Record<string, MessageKey> = {
  id: 'packFieldId',
  name: 'packFieldName',
  platform: 'adapterFieldPlatform',
  market: 'adapterFieldMarket',
  urlPatterns: 'adapterFieldUrlPatterns',
  item: 'adapterFieldItem',
};
/** The parts of one item field ("title": {selector, attribute, pattern}). */
const PART: Record<string, MessageKey> = {
  selector: 'adapterFieldSelectorOf',
  attribute: 'adapterFieldAttributeOf',
  pattern: 'adapterFieldPatternOf',
};

export interface AdapterProblem {
  /** "Adapter 2 (review-console), the item kind: … must be one of: video, live, …" */
  text: string;
  /** The JSON path and the message as the validator wrote them. */
  technical: string;
}

/** The ids of the adapters in an imported file by position, to name them in errors. */
export function adapterIdsOf(json: unknown): (index: number) => string | undefined {
  const list = Array.isArray(json) ? json : (json as { adapters?: unknown } | null)?.adapters;
  return (index) => {
    const id = Array.isArray(list) ? (list[index] as { id?: unknown } | null)?.id : undefined;
    return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : undefined;
  };
}

interface Place {
  /** "Adapter 2 (console)": empty for the file as a whole. */
  adapter: string;
  /** The noun the problem is about ("the item kind"), or undefined for the file itself. */
  field: string | undefined;
  /** "entry 2" of a list, when the problem is one entry's. */
  entry: string | undefined;
}

function fieldOf(rest: ReadonlyArray<string | number>, t: Translate): string | undefined {
  const [first, second, third] = rest;
  if (first === undefined) return undefined;
  if (first === 'item' && typeof second === 'string') {
    if (second === 'container') return t('adapterFieldContainer');
    if (second === 'kind') return t('adapterFieldKind');
    const part = typeof third === 'string' ? PART[third] : undefined;
    return part ? t(part, second) : t('adapterFieldItemField', second);
  }
  if (typeof first === 'string' && ADAPTER_FIELD[first]) return t(ADAPTER_FIELD[first]);
  return typeof first === 'string' ? t('packFieldOther', first) : undefined;
}

function placeOf(
  error: DeclarativeError,
  idOf: (index: number) => string | undefined,
  t: Translate,
): Place {
  const parts = packPathParts(error.path) ?? [];
  if (parts[0] === 'adapters' && typeof parts[1] === 'number') {
    const number = t('adapterWhere', String(parts[1] + 1));
    const id = idOf(parts[1]);
    const rest = parts.slice(2);
    const last = rest.at(-1);
    return {
      adapter: id ? `${number} (${id})` : number,
      field: fieldOf(rest, t),
      // A list's entry by its own number: "the URL pattern list, entry 2".
      entry: typeof last === 'number' ? t('packWhereEntry', String(last + 1)) : undefined,
    };
  }
  const none = { adapter: '', entry: undefined };
  if (parts.length === 0) return { ...none, field: undefined };
  if (parts[0] === 'adapters') return { ...none, field: t('adapterFieldAdapters') };
  if (parts[0] === 'version') return { ...none, field: t('packFieldVersion') };
  return { ...none, field: t('packFieldOther', error.path) };
}

/** What is wrong, in the UI language, or undefined for a message not recognised. */
function problemOf(
  { path, message }: DeclarativeError,
  field: string | undefined,
  t: Translate,
): string | undefined {
  if (message.startsWith('Not JSON')) return t('packProblemNotJson');
  const quoted = (prefix: string) => {
    const m = new RegExp(`^${prefix} ("(?:[^"\\\\]|\\\\.)*")`).exec(message);
    if (!m) return undefined;
    try {
      return String(JSON.parse(m[1] ?? '""'));
    } catch {
      return undefined;
    }
  };
  const selector = quoted('invalid CSS selector');
  if (selector !== undefined) return t('adapterProblemSelector', selector);
  const urlPattern = quoted('invalid match pattern');
  if (urlPattern !== undefined) return t('adapterProblemUrlPattern', urlPattern);
  const regex = quoted('invalid regular expression');
  if (regex !== undefined) return t('adapterProblemRegex', regex);
  const duplicate = /^duplicate id "(.*)"$/.exec(message);
  if (duplicate) return t('packProblemDuplicateId', duplicate[1] ?? '');
  const unknown = /^Unrecognized keys?: (.+)$/.exec(message);
  if (unknown) {
    const keys = (unknown[1] ?? '').replaceAll('"', '');
    return t('adapterProblemUnknownKey', t('packFieldOther', keys));
  }
  if (message.startsWith('must be lower-case letters, digits')) return t('adapterProblemId');
  if (message.startsWith('must be an attribute name')) return t('adapterProblemAttribute');
  if (message.startsWith('must be a lower-case platform name')) return t('adapterProblemPlatform');
  if (path === '' && /^Invalid input: expected object/.test(message))
    return t('adapterProblemNotAFile');
  if (field === undefined) return undefined;
  if (/^Too small: expected \w+ to have >=1 /.test(message)) return t('packProblemEmpty', field);
  const tooBig = /^Too big: expected \w+ to have <=(\d+)/.exec(message);
  if (tooBig) return t('packProblemTooMany', [field, tooBig[1] ?? '']);
  const oneOf = /^Invalid option: expected one of (.+)$/.exec(message);
  if (oneOf)
    return t('packProblemOneOf', [
      field,
      (oneOf[1] ?? '').replaceAll('"', '').split('|').join(', '),
    ]);
  const literal = /^Invalid input: expected (\d+)$/.exec(message);
  if (literal) return t('packProblemOneOf', [field, literal[1] ?? '']);
  if (/^Invalid input: expected \w+, received \w+$/.test(message))
    return t('packProblemWrongType', field);
  return undefined;
}

export function adapterProblem(
  error: DeclarativeError,
  idOf: (index: number) => string | undefined,
  t: Translate,
): AdapterProblem {
  const { adapter, field, entry } = placeOf(error, idOf, t);
  const problem =
    problemOf(error, field, t) ?? (field ? t('packProblemOther', field) : error.message);
  // A problem that does not name its field ("the browser cannot read …") gets it in the place.
  const where = [adapter, field && !problem.includes(field) ? field : '', entry ?? '']
    .filter(Boolean)
    .join(', ');
  const text = where ? `${where}: ${problem}` : capitalise(problem);
  const technical = error.path ? `${error.path} · ${error.message}` : error.message;
  return { text, technical };
}

function capitalise(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const letter = String.fromCodePoint(first);
  return letter.toLocaleUpperCase() + text.slice(letter.length);
}
