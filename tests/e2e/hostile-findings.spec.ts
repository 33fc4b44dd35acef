/**
 * A seller probes what the policy pack matches by reading what Flagpost marks on the page.
 * The CSS Custom Highlight API kept the matched ranges (and their severity, in the
 * highlight's name) in `CSS.highlights`, which every page script can read. Evidence marks
 * are now drawn inside the overlay's closed shadow root: the page finds no registry of
 * findings, no Flagpost style rules, and nothing in its own DOM.
 */
import { expect, overlayOf, test } from './support/fixtures';
import { markCount, markTexts } from './support/overlays';

// On /foryou: "Beg tangan premium copy 1:1 macam ori, harga borong. WhatsApp 012-345 6789".
const ITEM = '7302000000000000001';

test('the page cannot read what Flagpost found', async ({ browserWithExtension, pages }) => {
  const page = await browserWithExtension.context.newPage();
  await page.goto(`${pages.url}/foryou`);
  await expect(overlayOf(page, ITEM).getByTestId('badge')).toHaveText(/^Critical · \d+$/);
  // The evidence is marked (automation reaches the root because it opened it)...
  await expect.poll(() => markCount(page)).toBeGreaterThan(0);
  expect((await markTexts(page)).critical).toEqual(expect.arrayContaining(['premium copy']));

  // ...and the page, reading everything it can reach, learns none of it.
  const seen = await page.evaluate(() => {
    const registry = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> })
      .highlights;
    const ranges = registry ? [...registry.values()].reduce((n, h) => n + h.size, 0) : 0;
    const rules = [...document.styleSheets, ...document.adoptedStyleSheets].flatMap((sheet) => {
      try {
        return [...sheet.cssRules].map((rule) => rule.cssText);
      } catch {
        return [];
      }
    });
    const pageText = document.body.innerText;
    return {
      highlights: registry?.size ?? 0,
      ranges,
      flagpostRules: rules.filter((rule) => /flagpost|::highlight/i.test(rule)),
      adopted: document.adoptedStyleSheets.length,
      severityInDom: /critical/i.test(document.body.outerHTML),
      pageText: pageText.includes('Critical'),
    };
  });
  expect(seen).toEqual({
    highlights: 0,
    ranges: 0,
    flagpostRules: [],
    adopted: 0,
    severityInDom: false,
    pageText: false,
  });
});
