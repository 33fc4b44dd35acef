import { describe, expect, it } from 'vitest';
import { t, useMessageTemplates } from '@/lib/i18n';
import { fillTemplate, TEMPLATE_SLOTS } from '@/lib/i18n-templates';

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
