import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { riskChipView } from '@/components/risk/chip-view';
import type { Translate } from '@/lib/i18n/keys';
import { fillTemplate, templatesFromCatalogue } from '@/lib/i18n/templates';

const translator = (lang: string): Translate => {
  const templates = templatesFromCatalogue(
    JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')),
  );
  return (key, subs) => fillTemplate(templates[key] ?? key, subs);
};
const t = translator('en');

describe('the risk chip', () => {
  it('writes the band out beside the score, never a bare number and arrow', () => {
    const view = riskChipView({ band: 'critical', score: 97, trend: 'up' }, t);
    expect([view.score, view.word, view.arrow]).toEqual(['97', 'Critical', '↑']);
    expect(view.state).toBe('known');
    expect(view.label).toContain('Critical');
    expect(view.className).toBe('risk-chip risk-critical');
  });

  it('has an unknown and a loading state that claim no score', () => {
    const unknown = riskChipView({ state: 'unknown' }, t);
    const loading = riskChipView({ state: 'loading' }, t);
    expect([unknown.score, unknown.word]).toEqual(['?', 'risk unknown']);
    expect([loading.score, loading.word]).toEqual(['…', 'risk loading']);
    for (const view of [unknown, loading]) {
      expect(view.band).toBeUndefined();
      expect(view.label).not.toMatch(/\d/);
    }
  });

  it('says the band in the UI language and formats the score as asked', () => {
    const view = riskChipView({ band: 'high', score: 60, trend: 'flat' }, translator('th'), (n) =>
      n.toLocaleString('th-TH-u-nu-thai'),
    );
    expect(view.score).toBe('๖๐');
    expect(view.word).not.toMatch(/[A-Za-z]/);
  });
});
