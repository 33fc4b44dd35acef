import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillTemplate, TEMPLATE_SLOTS, templatesFromCatalogue } from '@/lib/i18n/templates';
import { t, useMessageTemplates } from '@/lib/i18n/translate';

// What browser.i18n.getMessage(key, TEMPLATE_SLOTS) gives for "$COUNT$ findings, $SEV$"
// with placeholders count -> $1 and sev -> $2.
const template = `${TEMPLATE_SLOTS[0]} findings, ${TEMPLATE_SLOTS[1]}`;

describe('message templates', () => {
  it('fill substitutions by position, as getMessage does', () => {
    expect(fillTemplate(template, ['3', 'high'])).toBe('3 findings, high');
    expect(fillTemplate(`${TEMPLATE_SLOTS[0]} flagged`, '2')).toBe('2 flagged');
  });

  it('leave a missing substitution empty and a message without any untouched', () => {
    expect(fillTemplate(template, ['3'])).toBe('3 findings, ');
    expect(fillTemplate(template)).toBe(' findings, ');
    expect(fillTemplate('Close', ['ignored'])).toBe('Close');
  });

  it('do not fill a substitution that looks like a stand-in (page text is hostile)', () => {
    expect(fillTemplate(template, [TEMPLATE_SLOTS[1] ?? '', 'high'])).toBe(
      `${TEMPLATE_SLOTS[1]} findings, high`,
    );
    expect(fillTemplate(template, ['$1 $$', '<b>x</b>'])).toBe('$1 $$ findings, <b>x</b>');
  });

  it('are what t answers from once installed', () => {
    useMessageTemplates({
      overlayBadgeCount: `${TEMPLATE_SLOTS[0]} flagged`,
      overlayClose: 'Close',
    });
    expect(t('overlayBadgeCount', '4')).toBe('4 flagged');
    expect(t('overlayClose')).toBe('Close');
  });
});

describe('templates from a catalogue file', () => {
  it('resolve named placeholders, substitutions and $$ as getMessage does', () => {
    const templates = templatesFromCatalogue({
      count: {
        message: '$COUNT$ flagged',
        placeholders: { count: { content: '$1' } },
      },
      two: {
        message: '$Severity$ · $count$',
        placeholders: { severity: { content: '$1' }, count: { content: '$2' } },
      },
      price: { message: 'Costs $$5, $1 left' },
      plain: { message: 'Close' },
    });
    expect(fillTemplate(templates.count ?? '', '3')).toBe('3 flagged');
    expect(fillTemplate(templates.two ?? '', ['High', '2'])).toBe('High · 2');
    expect(fillTemplate(templates.price ?? '', '4')).toBe('Costs $5, 4 left');
    expect(templates.plain).toBe('Close');
  });

  it('turn every shipped catalogue into templates that keep all their substitutions', () => {
    for (const locale of ['en', 'fil', 'id', 'ms', 'th', 'vi']) {
      const catalogue = JSON.parse(
        readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'),
      ) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
      const templates = templatesFromCatalogue(catalogue);
      for (const [key, entry] of Object.entries(catalogue)) {
        const used = Object.values(entry.placeholders ?? {}).length;
        const filled = fillTemplate(
          templates[key] ?? '',
          Array.from({ length: 9 }, (_, i) => `«${i + 1}»`),
        );
        expect(filled.includes('$'), `${locale} ${key}`).toBe(entry.message.includes('$$'));
        for (let i = 1; i <= used; i++) expect(filled, `${locale} ${key}`).toContain(`«${i}»`);
      }
    }
  });
});
