/**
 * The labelled evaluation corpus (tests/fixtures/corpus/*.jsonl, described in its README):
 * read, validated line by line, so one bad line is reported with its file and line number
 * and never hides the others.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const CORPUS_DIR = join(import.meta.dirname, '../../tests/fixtures/corpus');

export const CORPUS_LANGUAGES = [
  'en',
  'th',
  'vi',
  'id',
  'ms',
  'fil',
  'taglish',
  'manglish',
] as const;
export const CORPUS_MARKETS = ['SG', 'MY', 'TH', 'VN', 'ID', 'PH'] as const;

export const corpusCaseSchema = z.strictObject({
  id: z.string().regex(/^[a-z]+-\d{4}$/, 'id must look like "th-0042"'),
  text: z.string().min(1).max(2_000),
  field: z.enum(['title', 'description', 'chat']),
  lang: z.enum(CORPUS_LANGUAGES),
  market: z.enum(CORPUS_MARKETS),
  label: z.enum(['violation', 'innocent']),
  policy: z.string().regex(/^[a-z][a-z0-9-]*$/),
  evasion: z.string().regex(/^[a-z][a-z-]*$/),
  lookalike: z
    .string()
    .regex(/^[a-z][a-z-]*$/)
    .optional(),
  split: z.enum(['dev', 'test']),
});
export type CorpusCase = z.infer<typeof corpusCaseSchema>;

export interface CorpusProblem {
  file: string;
  line: number;
  message: string;
}

export interface Corpus {
  cases: CorpusCase[];
  problems: CorpusProblem[];
}

/** Reads every `*.jsonl` in the folder; duplicate ids are problems, the first one is kept. */
export function readCorpus(dir = CORPUS_DIR): Corpus {
  const cases: CorpusCase[] = [];
  const problems: CorpusProblem[] = [];
  const seen = new Set<string>();
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort();
  for (const file of files) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    lines.forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (error) {
        problems.push({ file, line, message: `not JSON: ${(error as Error).message}` });
        return;
      }
      const parsed = corpusCaseSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        problems.push({
          file,
          line,
          message: `${issue.path.join('.') || 'line'}: ${issue.message}`,
        });
        return;
      }
      if (seen.has(parsed.data.id)) {
        problems.push({ file, line, message: `duplicate id ${parsed.data.id}` });
        return;
      }
      seen.add(parsed.data.id);
      cases.push(parsed.data);
    });
  }
  return { cases, problems };
}
