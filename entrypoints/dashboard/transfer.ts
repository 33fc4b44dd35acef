/**
 * The page side of export and import: export reads the store page by page and builds the file
 * here (so no single message has to carry 100,000 flags); import sends the file's text in
 * parts, then asks the background to validate and merge it.
 */

import { send } from '@/lib/messaging/client';
import {
  IMPORT_PART_CHARS,
  type ImportResultView,
  MAX_IMPORT_CHARS,
} from '@/lib/messaging/dashboard-messages';
import { writeCsvExport } from '@/lib/shared/exchange/csv-write';
import type { ExportData } from '@/lib/shared/exchange/envelope';
import { writeJsonExport } from '@/lib/shared/exchange/json-format';

async function readAll<K extends 'flags' | 'notes' | 'creators'>(kind: K) {
  const records: unknown[] = [];
  let after = '';
  for (;;) {
    const page = await send('exchange.exportPage', { kind, after });
    records.push(...page.records);
    if (!page.next) return records as ExportData[K];
    after = page.next;
  }
}

export async function buildExport(format: 'csv' | 'json', bom: boolean) {
  const data: ExportData = {
    flags: await readAll('flags'),
    notes: await readAll('notes'),
    creators: await readAll('creators'),
  };
  const now = new Date().toISOString();
  const text = format === 'csv' ? writeCsvExport(data, { bom }) : writeJsonExport(data, now);
  const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json';
  const name = `flagpost-export-${now.slice(0, 19).replaceAll(':', '-')}.${format}`;
  return { blob: new Blob([text], { type }), name, data };
}

/** Saves through a Blob URL and a download link, released once the browser has it. */
export function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export class TooLargeError extends Error {}

export async function importText(text: string): Promise<ImportResultView> {
  if (text.length > MAX_IMPORT_CHARS) throw new TooLargeError(String(text.length));
  const uploadId = crypto.randomUUID();
  const count = Math.max(1, Math.ceil(text.length / IMPORT_PART_CHARS));
  for (let index = 0; index < count; index++) {
    const part = text.slice(index * IMPORT_PART_CHARS, (index + 1) * IMPORT_PART_CHARS);
    await send('exchange.upload', { uploadId, index, count, text: part });
  }
  return send('exchange.import', { uploadId });
}
