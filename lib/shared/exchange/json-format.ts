/** Writing and reading the JSON export, with every problem located by its JSON path. */
import type { z } from 'zod';
import { BOM } from './csv';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportData,
  exportEnvelopeSchema,
  type ImportProblem,
} from './envelope';

export function writeJsonExport(data: ExportData, exportedAt: string): string {
  return JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt, ...data });
}

/** `$.flags[3].item.url` */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .reduce((acc, part) => acc + part, '$');
}

export function zodProblems(error: z.ZodError, where: (path: PropertyKey[]) => string) {
  return error.issues.map(
    (issue): ImportProblem => ({ where: where(issue.path), message: issue.message }),
  );
}

export type ReadResult = { ok: true; data: ExportData } | { ok: false; problems: ImportProblem[] };

export function readJsonExport(input: string): ReadResult {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ where: '$', message: `not valid JSON: ${detail}` }] };
  }
  const parsed = exportEnvelopeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error, jsonPath) };
  const { flags, notes, creators } = parsed.data;
  return { ok: true, data: { flags, notes, creators } };
}
