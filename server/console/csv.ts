/**
 * The console's CSV exports: RFC 4180 (lib/shared/exchange/csv.ts), with a byte-order mark
 * so spreadsheet programs read Thai and Vietnamese, and every text cell guarded against
 * formula injection (page text and reasons are written by strangers). Numbers stay numbers.
 */
import { writeCsv } from '@/lib/shared/exchange/csv';
import { guardCell } from '@/lib/shared/exchange/csv-columns';

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return guardCell(String(value));
};

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return writeCsv([header.map(cell), ...rows.map((row) => row.map(cell))], { bom: true });
}
