import { parseHTML } from 'linkedom';
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { I18nContext } from '@/components/i18n-context';
import { FindingList, type OverlayFinding } from '@/components/overlay/finding-list';
import type { Translate } from '@/lib/i18n/keys';

const t: Translate = (key, subs) =>
  subs === undefined ? `[${key}]` : `[${key}:${([] as string[]).concat(subs).join('|')}]`;

const weapons: OverlayFinding = {
  policyId: 'weapons',
  ruleId: 'firearms',
  severity: 'critical',
  title: 'Weapons',
  evidence: [{ field: 'title', start: 0, end: 5, text: 'Glock' }],
  emergency: true,
  escalationCategory: 'dangerous_product',
};
const counterfeit: OverlayFinding = {
  policyId: 'counterfeit',
  ruleId: 'near-price',
  severity: 'critical',
  title: 'Counterfeit',
  evidence: [{ field: 'title', start: 0, end: 12, text: 'premium copy' }],
  context: [
    {
      clause: 'near',
      match: { text: 'premium copy' },
      partner: { text: '<b>RM 89</b>' },
      words: 3,
    },
    { clause: 'requires', match: { text: 'copy' }, partner: { text: 'ori' } },
  ],
};

function draw(props: Partial<Parameters<typeof FindingList>[0]>) {
  const { document } = parseHTML('<html><body><div id="a"></div></body></html>');
  const previous = globalThis.document;
  globalThis.document = document as unknown as Document;
  const box = document.getElementById('a') as unknown as HTMLElement;
  try {
    render(
      h(
        I18nContext.Provider,
        { value: t },
        h(FindingList, {
          state: { status: 'done', findings: [weapons, counterfeit] },
          flags: [],
          busy: false,
          onDecide: () => {},
          ...props,
        }),
      ),
      box,
    );
  } finally {
    globalThis.document = previous;
  }
  return box;
}

describe('the finding list', () => {
  it('proposes an escalation on an emergency finding only, and hands that finding over', () => {
    const proposed: OverlayFinding[] = [];
    const box = draw({ onPropose: (finding) => proposed.push(finding) });
    const proposals = box.querySelectorAll('[data-testid="escalate-proposal"]');
    expect(proposals.length).toBe(1);
    expect(proposals[0]?.closest('[data-testid="finding"]')?.getAttribute('data-policy')).toBe(
      'weapons',
    );
    (
      box.querySelector('[data-testid="escalate-proposal"] button') as unknown as HTMLElement
    ).click();
    expect(proposed).toEqual([weapons]);
  });

  it('proposes nothing once the finding is escalated, or where the card cannot escalate', () => {
    expect(
      draw({ onPropose: () => {}, isEscalated: () => true }).querySelector(
        '[data-testid="escalate-proposal"]',
      ),
    ).toBeNull();
    expect(draw({}).querySelector('[data-testid="escalate-proposal"]')).toBeNull();
  });

  it('says the context that made a rule fire, page text as text', () => {
    const box = draw({});
    const notes = box.querySelectorAll('[data-testid="finding-context"] li');
    expect([...notes].map((n) => n.textContent)).toEqual([
      '[findingContextNearWords:premium copy|<b>RM 89</b>|3]',
      '[findingContextRequires:copy|ori]',
    ]);
    expect(box.querySelector('[data-testid="finding-context"] b')).toBeNull();
  });
});

describe('a suggested finding', () => {
  const suggested: OverlayFinding = {
    policyId: 'off-platform-diversion',
    ruleId: 'suggested',
    severity: 'high',
    title: 'Off-platform diversion',
    evidence: [{ field: 'description', start: 4, end: 9, text: 'inbox' }],
    suggested: { probability: 0.962, features: [{ text: 'inbox', weight: 1.4 }] },
  };

  it('says "Suggested" instead of a severity, with the scorer figure and its words', () => {
    const box = draw({ state: { status: 'done', findings: [suggested] } });
    const item = box.querySelector('[data-testid="finding"]');
    expect(item?.querySelector('[data-testid="finding-suggested"]')?.textContent).toBe(
      '[findingSuggested]',
    );
    expect(item?.querySelector('.sev-high')).toBeNull();
    expect(item?.querySelector('[data-testid="finding-suggested-note"]')?.textContent).toBe(
      '[findingSuggestedNote:96|“inbox”]',
    );
    expect(item?.querySelector('mark.ev-suggested')?.textContent).toBe('inbox');
  });

  it('leaves rule findings as they were', () => {
    const box = draw({ state: { status: 'done', findings: [weapons] } });
    expect(box.querySelector('[data-testid="finding-suggested"]')).toBeNull();
    expect(box.querySelector('.sev-critical')).not.toBeNull();
  });
});
