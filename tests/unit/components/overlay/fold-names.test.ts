import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldMessageKey } from '@/components/overlay/fold-names';
import { FOLD_IDS } from '@/lib/shared/policy/fold-ids';

const LANGS = ['en', 'th', 'vi', 'id', 'ms', 'fil'];

describe('fold names on the finding card', () => {
  it('gives every fold the engine reports a message in all six catalogues', () => {
    for (const lang of LANGS) {
      const catalogue = JSON.parse(
        readFileSync(`public/_locales/${lang}/messages.json`, 'utf8'),
      ) as Record<string, { message: string }>;
      for (const id of FOLD_IDS) {
        const key = foldMessageKey(id);
        expect(key, id).toBeDefined();
        expect(catalogue[key!]?.message.length, `${lang}: ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('skips an id this build does not know', () => {
    expect(foldMessageKey('from-a-newer-engine')).toBeUndefined();
    expect(foldMessageKey('toString')).toBeUndefined();
  });
});
