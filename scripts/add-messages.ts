/**
 * Adds user-facing strings to public/_locales/en/messages.json from a JSON fragment of the
 * same shape, under a lock, so several people adding strings at once never lose each
 * other's. Refuses to change an existing key's text (add a new key instead).
 * Usage: node --import tsx scripts/add-messages.ts fragment.json
 */
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';

const CATALOGUE = 'public/_locales/en/messages.json';
const LOCK = `${CATALOGUE}.lock`;

type Entry = { message: string; description?: string; placeholders?: Record<string, unknown> };

async function withLock<T>(fn: () => T): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(LOCK); // atomic: fails while someone else holds the lock
      break;
    } catch {
      if (attempt > 200) throw new Error(`${LOCK} is held for too long; remove it if stale`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return fn();
  } finally {
    rmdirSync(LOCK);
  }
}

const fragmentPath = process.argv[2];
if (!fragmentPath) {
  console.error('usage: node --import tsx scripts/add-messages.ts fragment.json');
  process.exit(2);
}
const fragment = JSON.parse(readFileSync(fragmentPath, 'utf8')) as Record<string, Entry>;
const added = await withLock(() => {
  const catalogue = JSON.parse(readFileSync(CATALOGUE, 'utf8')) as Record<string, Entry>;
  const names: string[] = [];
  for (const [key, entry] of Object.entries(fragment)) {
    if (typeof entry?.message !== 'string') throw new Error(`${key}: needs a "message" string`);
    const existing = catalogue[key];
    if (existing && existing.message !== entry.message)
      throw new Error(`${key} already exists with another text ("${existing.message}")`);
    if (!existing) names.push(key);
    catalogue[key] = entry;
  }
  writeFileSync(CATALOGUE, `${JSON.stringify(catalogue, null, 2)}\n`);
  return names;
});
console.log(`added ${added.length} message(s): ${added.join(', ')}`);
