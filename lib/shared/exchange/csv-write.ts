/** Flags, notes and creators as CSV rows (columns in csv-columns.ts). */
import type { Flag, ItemRef, Note } from '@/lib/shared/protocol/records';
import { type CsvWriteOptions, writeCsv } from './csv';
import { CSV_COLUMNS, type CsvRow, guardCell } from './csv-columns';
import type { ExportData, ExportedCreator } from './envelope';

const itemCells = (item: ItemRef): CsvRow => ({
  'item.platform': item.platform,
  'item.kind': item.kind,
  'item.itemId': item.itemId,
  'item.url': item.url,
  'item.creatorId': item.creatorId,
  'item.creatorHandle': item.creatorHandle,
  'item.title': item.title,
  'item.market': item.market,
});

const creatorCells = (creator: ExportedCreator): CsvRow => ({
  'creator.platform': creator.platform,
  'creator.creatorId': creator.creatorId,
  'creator.handle': creator.handle,
  'creator.displayName': creator.displayName,
  'creator.lastSeenAt': creator.lastSeenAt,
});

const recordCells = (record: Flag | Note): CsvRow => ({
  id: record.id,
  revision: String(record.revision),
  reviewer: record.reviewer,
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
  deleted: String(record.deleted),
});

export const flagRow = (flag: Flag): CsvRow => ({
  type: 'flag',
  ...recordCells(flag),
  policyId: flag.policyId,
  policyVersion: flag.policyVersion,
  ruleId: flag.ruleId,
  severity: flag.severity,
  source: flag.source,
  status: flag.status,
  note: flag.note,
  evidence: JSON.stringify(flag.evidence),
  ...itemCells(flag.item),
});

export const noteRow = (note: Note): CsvRow => ({
  type: 'note',
  ...recordCells(note),
  text: note.text,
  target: note.target.type,
  ...(note.target.type === 'item'
    ? itemCells(note.target.item)
    : creatorCells(note.target.creator)),
});

export const creatorRow = (creator: ExportedCreator): CsvRow => ({
  type: 'creator',
  ...creatorCells(creator),
});

export function writeCsvExport(data: ExportData, options: CsvWriteOptions = {}): string {
  const rows: CsvRow[] = [
    ...data.flags.map(flagRow),
    ...data.notes.map(noteRow),
    ...data.creators.map(creatorRow),
  ];
  const cells = rows.map((row) => CSV_COLUMNS.map((column) => guardCell(row[column] ?? '')));
  return writeCsv([[...CSV_COLUMNS], ...cells], options);
}
