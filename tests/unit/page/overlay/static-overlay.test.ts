import { parseHTML } from 'linkedom';
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { I18nContext } from '@/components/i18n-context';
import type { FindingsState } from '@/components/overlay/finding-list';
import { ItemOverlay } from '@/components/overlay/item-overlay';
import { drawStaticOverlay, type StaticOverlayProps } from '@/components/overlay/static-overlay';
import type { Translate } from '@/lib/i18n/keys';

// The feed's badges are first drawn without Preact (static-overlay.ts); the reviewer must
// not be able to tell: same elements, attributes and text as ItemOverlay closed.
const t: Translate = (key, subs) =>
  subs === undefined ? `[${key}]` : `[${key}:${([] as string[]).concat(subs).join('|')}]`;

/** Elements with their attributes sorted, and text: what a reader or a test can see. */
function shape(node: Element): unknown {
  return {
    tag: node.tagName.toLowerCase(),
    attributes: [...node.attributes]
      .map((a) => [a.name, a.value])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
    children: [...node.childNodes].map((child) =>
      child.nodeType === 1 ? shape(child as Element) : child.textContent,
    ),
  };
}

const finding = {
  policyId: 'off-platform-diversion',
  ruleId: 'r1',
  severity: 'critical' as const,
  title: 'Off-platform diversion',
  evidence: [{ field: 'description', start: 0, end: 3, text: '<b>x</b>' }],
};
const cases: Array<[string, StaticOverlayProps]> = [
  ['pending', { itemId: '1', findings: { status: 'pending' }, flags: [] }],
  ['nothing found', { itemId: '2', findings: { status: 'done', findings: [] }, flags: [] }],
  [
    'findings, a flag and a risk chip',
    {
      itemId: '3<script>',
      findings: { status: 'done', findings: [finding] } as FindingsState,
      flags: [
        { policyId: 'counterfeit-goods', severity: 'high', source: 'manual', status: 'confirmed' },
      ],
      risk: { band: 'high', score: 71, trend: 'up' },
    },
  ],
  ['an error', { itemId: '4', findings: { status: 'error', error: 'boom' }, flags: [] }],
];

describe('the static closed overlay', () => {
  it.each(cases)('matches ItemOverlay closed: %s', (_, props) => {
    const { document } = parseHTML(
      '<html><body><div id="a"></div><div id="b"></div></body></html>',
    );
    const previous = globalThis.document;
    globalThis.document = document as unknown as Document;
    try {
      const preactBox = document.getElementById('a') as unknown as HTMLElement;
      render(
        h(
          I18nContext.Provider,
          { value: t },
          h(ItemOverlay, {
            itemId: props.itemId,
            flags: props.flags as never,
            notes: [],
            findings: props.findings,
            policies: [],
            ...(props.risk ? { risk: props.risk } : {}),
            onFlag: async () => {},
            onNote: async () => {},
          }),
        ),
        preactBox,
      );
      const staticBox = document.getElementById('b') as unknown as HTMLElement;
      drawStaticOverlay(staticBox, props, t, { open: () => {}, openCreator: () => {} });
      const [fromPreact] = [...preactBox.children];
      const [fromStatic] = [...staticBox.children];
      expect(fromStatic && shape(fromStatic)).toEqual(fromPreact && shape(fromPreact));
    } finally {
      globalThis.document = previous;
    }
  });

  it('opens the full card on the badge and the creator on the chip', () => {
    const { document } = parseHTML('<html><body><div id="b"></div></body></html>');
    const box = document.getElementById('b') as unknown as HTMLElement;
    const calls: string[] = [];
    drawStaticOverlay(box, cases[2]![1], t, {
      open: () => calls.push('open'),
      openCreator: () => calls.push('creator'),
    });
    (box.querySelector('[data-testid="risk-chip"]') as HTMLElement).click();
    (box.querySelector('[data-testid="badge"]') as HTMLElement).click();
    expect(calls).toEqual(['creator', 'open']);
  });
});

describe('redrawing the static overlay', () => {
  it('updates in place: the badge a reviewer focused stays the same element', () => {
    const { document } = parseHTML('<html><body><div id="b"></div></body></html>');
    const box = document.getElementById('b') as unknown as HTMLElement;
    const actions = { open: () => {}, openCreator: () => {} };
    const [, first] = cases[1]!;
    drawStaticOverlay(box, first, t, actions);
    const badge = box.querySelector('[data-testid="badge"]');
    const [, second] = cases[2]!;
    drawStaticOverlay(box, { ...second, itemId: first.itemId }, t, actions);
    expect(box.querySelector('[data-testid="badge"]')).toBe(badge);
    expect(box.querySelector('[data-testid="risk-chip"]')?.getAttribute('data-band')).toBe('high');
    expect(badge?.getAttribute('class')).toContain('badge-critical');
  });
});
