import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filterFromSearch, searchForFilter } from '@/components/sidepanel/filter-url';
import { rankReasons } from '@/components/sidepanel/rank-reason';
import type { Translate } from '@/lib/i18n/keys';
import { fillTemplate, templatesFromCatalogue } from '@/lib/i18n/templates';

const catalogue = (lang: string) =>
  templatesFromCatalogue(JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')));
const translator = (lang: string): Translate => {
  const templates = catalogue(lang);
  return (key, subs) => fillTemplate(templates[key] ?? key, subs);
};
const rank = {
  score: 85,
  undecided: true,
  severityPoints: 40,
  riskPoints: 39,
  agePoints: 6,
  ageDays: 3,
  risk: { score: 97, band: 'critical' as const },
};

describe('rankReasons', () => {
  it('names each part of the priority with the points it adds', () => {
    expect(rankReasons(rank, 'high', translator('en'), String)).toEqual([
      'High severity (+40)',
      'creator risk 97, Critical (+39)',
      'waiting 3 days (+6)',
    ]);
  });

  it('says when the creator risk is unknown and when the flag is already decided', () => {
    const { risk: _risk, ...noRisk } = rank;
    const reasons = rankReasons(
      { ...noRisk, undecided: false, riskPoints: 0 },
      'low',
      translator('en'),
      String,
    );
    expect(reasons).toContain('no creator risk known (+0)');
    expect(reasons.at(-1)).toBe('already decided: after every undecided flag');
  });

  it('speaks Thai in Thai, with the numbers formatted by the caller', () => {
    const th = rankReasons(rank, 'high', translator('th'), (n) => `«${n}»`).join(' ');
    expect(th).toContain('«97»');
    expect(th).not.toMatch(/[A-Za-z]{3,}/); // no English word left
  });
});

describe('queue filter in the panel address', () => {
  it('round-trips a filter', () => {
    const filter = {
      policyId: 'counterfeit-goods',
      severity: 'high' as const,
      market: 'TH' as const,
    };
    expect(filterFromSearch(searchForFilter(filter))).toEqual(filter);
    expect(searchForFilter({})).toBe('');
  });

  it('drops a parameter that does not fit the filter, keeping the others', () => {
    expect(filterFromSearch('?severity=apocalyptic&market=VN&status=done&unknown=1')).toEqual({
      market: 'VN',
    });
  });
});
