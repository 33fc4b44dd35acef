/**
 * Reads an export file of either format and validates ALL of it before anything is written:
 * a file with one bad row is refused whole, with every problem and where it is.
 */
import { creatorKey } from '@/lib/shared/protocol/records';
import { BOM } from './csv';
import { readCsvExport } from './csv-read';
import { duplicateProblems } from './duplicates';
import { jsonPath, type ReadResult, readJsonExport } from './json-format';

export type ExportFormat = 'csv' | 'json';

/** JSON exports start with "{"; anything else is read as CSV. */
export function detectFormat(text: string): ExportFormat {
  const start = (text.startsWith(BOM) ? text.slice(1) : text).trimStart();
  return start.startsWith('{') ? 'json' : 'csv';
}

export function readExport(text: string): ReadResult {
  if (detectFormat(text) === 'csv') return readCsvExport(text);
  const result = readJsonExport(text);
  if (!result.ok) return result;
  const { flags, notes, creators } = result.data;
  const at = (list: string, field: string) => (i: number) => jsonPath([list, i, field]);
  const problems = [
    ...duplicateProblems(
      flags.map((f) => f.id),
      at('flags', 'id'),
      'flag',
    ),
    ...duplicateProblems(
      notes.map((n) => n.id),
      at('notes', 'id'),
      'note',
    ),
    ...duplicateProblems(creators.map(creatorKey), at('creators', 'creatorId'), 'creator'),
  ];
  return problems.length ? { ok: false, problems } : result;
}
