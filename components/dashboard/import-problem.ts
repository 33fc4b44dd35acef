/**
 * An import problem in plain words: where it is ("Flag 4 in the file, its item › url",
 * "Row 4, column 11 (severity)") rather than a JSON path ("$.flags[3].item.url"), and what
 * is wrong, with the validator's usual phrasings ("Invalid input: expected string,
 * received undefined") said as a reviewer would ("is missing"). Anything not recognised is
 * shown as it came, so nothing is lost.
 */
import type { MessageKey, Translate } from '@/lib/i18n/keys';

const KIND: Record<string, MessageKey> = {
  flags: 'dashRecordFlag',
  notes: 'dashRecordNote',
  creators: 'dashRecordCreator',
};

/** `$.flags[3].item.url` -> ['flags', 3, 'item', 'url']; undefined when it is no JSON path. */
function pathParts(where: string): Array<string | number> | undefined {
  if (!where.startsWith('$')) return undefined;
  const parts: Array<string | number> = [];
  const token = /\.([^.[\]]+)|\[(\d+)\]/y;
  let at = 1;
  while (at < where.length) {
    token.lastIndex = at;
    const match = token.exec(where);
    if (!match) return undefined;
    parts.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? ''));
    at = token.lastIndex;
  }
  return parts;
}

/** The id of the n-th record of a kind in the file, when the file could be read. */
export type RecordLookup = (kind: string, index: number) => string | undefined;

export function placeOf(where: string, t: Translate, idOf?: RecordLookup): string {
  const csv = /^row (\d+)(?:, column (\d+) \((.+)\)| \(header\))?$/.exec(where);
  if (csv) {
    const [, row = '', column, name] = csv;
    if (column && name) return t('dashWhereCell', [row, column, name]);
    return where.includes('(header)') ? t('dashWhereHeader') : t('dashWhereRow', row);
  }
  const csvSyntax = /^row (\d+), column (\d+)$/.exec(where);
  if (csvSyntax) return t('dashWhereCell', [csvSyntax[1] ?? '', csvSyntax[2] ?? '', '–']);
  const parts = pathParts(where);
  if (!parts) return where;
  const [kind, index, ...field] = parts;
  if (parts.length === 0) return t('dashWhereFile');
  const kindKey = typeof kind === 'string' ? KIND[kind] : undefined;
  if (!kindKey || typeof index !== 'number')
    return t('dashWhereField', parts.map(String).join(' › '));
  const id = idOf?.(String(kind), index);
  const record = t('dashWhereRecord', [t(kindKey), String(index + 1)]);
  const withId = id ? `${record} (${id})` : record;
  return field.length ? `${withId}, ${t('dashWhereField', field.map(String).join(' › '))}` : withId;
}

export function messageOf(message: string, t: Translate): string {
  if (/received undefined$/.test(message)) return t('dashProblemMissing');
  const oneOf = /^Invalid option: expected one of (.+)$/.exec(message);
  if (oneOf?.[1]) return t('dashProblemOneOf', oneOf[1].replaceAll('"', '').split('|').join(', '));
  const type = /^Invalid input: expected (\w+), received (\w+)$/.exec(message);
  if (type) return t('dashProblemType', [type[1] ?? '', type[2] ?? '']);
  return message;
}

/** The ids of a JSON export's records, to name the record a problem is in. */
export function recordIdsOf(text: string): RecordLookup | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  return (kind, index) => {
    const list = (data as Record<string, unknown>)[kind];
    const record = Array.isArray(list) ? (list[index] as unknown) : undefined;
    const id =
      typeof record === 'object' && record !== null
        ? ((record as { id?: unknown; creatorId?: unknown }).id ??
          (record as { creatorId?: unknown }).creatorId)
        : undefined;
    return typeof id === 'string' ? id.slice(0, 40) : undefined;
  };
}
