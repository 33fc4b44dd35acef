/**
 * Reading a CSV export back: every row is rebuilt into its record and validated with the
 * wire schemas; every problem is reported with its row and column as a spreadsheet shows
 * them (the header is row 1).
 */
import {
  creatorKey,
  type Flag,
  flagSchema,
  type Note,
  noteSchema,
} from '@/lib/shared/protocol/records';
import { CsvSyntaxError, parseCsv } from './csv';
import { CSV_COLUMNS, type CsvColumn, type CsvRow, unguardCell } from './csv-columns';
import { duplicateProblems } from './duplicates';
import { type ExportedCreator, exportedCreatorSchema, type ImportProblem } from './envelope';
import type { ReadResult } from './json-format';

const optional = (cell: string | undefined) => (cell ? cell : undefined);
const integer = (cell: string | undefined) => (cell && /^\d+$/.test(cell) ? Number(cell) : cell);
const boolean = (cell: string | undefined) =>
  cell === 'true' ? true : cell === 'false' ? false : optional(cell);

function item(row: CsvRow) {
  return {
    platform: row['item.platform'],
    kind: row['item.kind'],
    itemId: row['item.itemId'],
    url: row['item.url'],
    creatorId: optional(row['item.creatorId']),
    creatorHandle: optional(row['item.creatorHandle']),
    title: optional(row['item.title']),
    market: optional(row['item.market']),
  };
}

function creator(row: CsvRow) {
  return {
    platform: row['creator.platform'],
    creatorId: row['creator.creatorId'],
    handle: row['creator.handle'],
    displayName: optional(row['creator.displayName']),
    lastSeenAt: optional(row['creator.lastSeenAt']),
  };
}

const recordFields = (row: CsvRow) => ({
  id: row.id,
  revision: integer(row.revision),
  reviewer: row.reviewer,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  deleted: boolean(row.deleted),
});

/** The column a schema path points at: item.url, creator.handle, evidence... */
function columnOf(type: string, path: readonly PropertyKey[]): CsvColumn | undefined {
  const [head, next, last] = path.map(String);
  const joined =
    type === 'creator'
      ? `creator.${head}`
      : head === 'item'
        ? `item.${next}`
        : head === 'target'
          ? next === 'type' || next === undefined
            ? 'target'
            : `${next}.${last}`
          : head;
  return CSV_COLUMNS.find((column) => column === joined);
}

export function readCsvExport(text: string): ReadResult {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return {
        ok: false,
        problems: [{ where: `row ${error.row}, column ${error.column}`, message: error.message }],
      };
    throw error;
  }
  const header = records[0]?.fields ?? [];
  const missing = CSV_COLUMNS.filter((column) => !header.includes(column));
  const unknown = header.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  if (missing.length || unknown.length)
    return {
      ok: false,
      problems: [
        {
          where: 'row 1 (header)',
          message: [
            missing.length ? `missing columns: ${missing.join(', ')}` : '',
            unknown.length ? `unknown columns: ${unknown.join(', ')}` : '',
          ]
            .filter(Boolean)
            .join('; '),
        },
      ],
    };
  const cellAt = (name: string) => `column ${header.indexOf(name) + 1} (${name})`;

  const problems: ImportProblem[] = [];
  const flags: Flag[] = [];
  const notes: Note[] = [];
  const creators: ExportedCreator[] = [];
  const rowsOf = { flag: [] as number[], note: [] as number[], creator: [] as number[] };
  records.slice(1).forEach(({ fields }, index) => {
    const rowNumber = index + 2;
    if (fields.length === 1 && fields[0] === '') return; // a blank line
    if (fields.length !== header.length) {
      problems.push({
        where: `row ${rowNumber}`,
        message: `has ${fields.length} fields, the header has ${header.length}`,
      });
      return;
    }
    const row: CsvRow = {};
    header.forEach((name, i) => {
      row[name as CsvColumn] = unguardCell(fields[i] ?? '');
    });
    const fail = (column: string | undefined, message: string): void => {
      problems.push({
        where: `row ${rowNumber}${column ? `, ${cellAt(column)}` : ''}`,
        message,
      });
    };
    const type = row.type ?? '';
    if (type === 'flag') {
      let evidence: unknown = [];
      try {
        evidence = row.evidence ? JSON.parse(row.evidence) : [];
      } catch {
        fail('evidence', 'must be a JSON array of evidence');
        return;
      }
      const parsed = flagSchema.safeParse({
        ...recordFields(row),
        item: item(row),
        policyId: row.policyId,
        policyVersion: row.policyVersion,
        ruleId: optional(row.ruleId),
        severity: row.severity,
        source: row.source,
        status: row.status,
        evidence,
        note: row.note,
      });
      if (!parsed.success)
        for (const issue of parsed.error.issues) fail(columnOf(type, issue.path), issue.message);
      else {
        flags.push(parsed.data);
        rowsOf.flag.push(rowNumber);
      }
    } else if (type === 'note') {
      const target =
        row.target === 'item'
          ? { type: 'item', item: item(row) }
          : row.target === 'creator'
            ? { type: 'creator', creator: creator(row) }
            : { type: row.target };
      const parsed = noteSchema.safeParse({ ...recordFields(row), target, text: row.text });
      if (!parsed.success)
        for (const issue of parsed.error.issues) fail(columnOf(type, issue.path), issue.message);
      else {
        notes.push(parsed.data);
        rowsOf.note.push(rowNumber);
      }
    } else if (type === 'creator') {
      const parsed = exportedCreatorSchema.safeParse(creator(row));
      if (!parsed.success)
        for (const issue of parsed.error.issues) fail(columnOf(type, issue.path), issue.message);
      else {
        creators.push(parsed.data);
        rowsOf.creator.push(rowNumber);
      }
    } else fail('type', 'must be "flag", "note" or "creator"');
  });
  const at = (rows: number[], column: string) => (i: number) => `row ${rows[i]}, ${cellAt(column)}`;
  problems.push(
    ...duplicateProblems(
      flags.map((f) => f.id),
      at(rowsOf.flag, 'id'),
      'flag',
    ),
    ...duplicateProblems(
      notes.map((n) => n.id),
      at(rowsOf.note, 'id'),
      'note',
    ),
    ...duplicateProblems(
      creators.map(creatorKey),
      at(rowsOf.creator, 'creator.creatorId'),
      'creator',
    ),
  );
  return problems.length ? { ok: false, problems } : { ok: true, data: { flags, notes, creators } };
}
