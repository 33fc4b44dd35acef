/** Loads a fixture page into a linkedom document, as the content script would see it. */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';

export const ORIGIN = 'http://127.0.0.1:8080';

export function fixture(file: string, path: string): { document: Document; url: URL } {
  const { document } = parseHTML(readFileSync(`tests/fixtures/pages/${file}`, 'utf8'));
  return { document, url: new URL(path, ORIGIN) };
}

export function page(html: string, path = '/'): { document: Document; url: URL } {
  const { document } = parseHTML(html);
  return { document, url: new URL(path, ORIGIN) };
}
