import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  createChangeFilter,
  recordMatters,
  SET_ASIDE_AFTER,
} from '@/lib/page/overlay/change-filter';
import type { LeafControl } from '@/lib/page/overlay/scan-scheduler';
import { genericStructuredDataAdapter as generic } from '@/lib/page/sites/generic-structured-data';
import type { SiteAdapter } from '@/lib/page/sites/types';

const { document } = parseHTML(`<html><head>
  <script type="application/ld+json">{"@type":"Product","name":"Kettle","sku":"K-1"}</script>
  </head><body>
  <p>Ends in <span id="counter">10</span></p>
  <div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Kettle</span>
    <span id="inner-counter">10</span></div>
  </body></html>`);

const record = (added: Node[], removed: Node[] = []) =>
  ({ addedNodes: added, removedNodes: removed }) as unknown as MutationRecord;
const textIn = (selector: string) => {
  const text = document.createTextNode('9');
  document.querySelector(selector)?.append(text);
  return text;
};
const repeated: SiteAdapter = {
  id: 'cards',
  matches: () => true,
  findItems: () => [],
  repeated: { selector: '.card', identify: () => undefined, read: () => undefined },
};

describe('recordMatters', () => {
  it('drops a ticking counter on a structured-data page, in or out of a product', () => {
    const interest = { adapter: generic, holding: true };
    expect(
      recordMatters(record([textIn('#counter')], [document.createTextNode('10')]), interest),
    ).toBe(false);
    expect(recordMatters(record([textIn('#inner-counter')]), interest)).toBe(false);
  });

  it('keeps new JSON-LD, a microdata property changing and a new item', () => {
    const interest = { adapter: generic, holding: false };
    expect(recordMatters(record([textIn('script')]), interest)).toBe(true);
    expect(recordMatters(record([textIn('[itemprop="name"]')]), interest)).toBe(true);
    const card = document.createElement('div');
    card.setAttribute('itemscope', '');
    document.body.append(card);
    expect(recordMatters(record([card]), interest)).toBe(true);
  });

  it('keeps removed elements only while something is mounted or watched', () => {
    const gone = document.createElement('div');
    expect(recordMatters(record([], [gone]), { adapter: generic, holding: true })).toBe(true);
    expect(recordMatters(record([], [gone]), { adapter: generic, holding: false })).toBe(false);
  });

  it('with no adapter yet, keeps added elements (one may make an adapter match) but not text', () => {
    const interest = { adapter: undefined, holding: false };
    expect(recordMatters(record([textIn('#counter')]), interest)).toBe(false);
    expect(recordMatters(record([document.createElement('div')]), interest)).toBe(true);
  });

  it('keeps every addition for adapters of repeated items (a card may change in place)', () => {
    expect(recordMatters(record([textIn('#counter')]), { adapter: repeated, holding: false })).toBe(
      true,
    );
  });
});

describe('createChangeFilter', () => {
  it('judges the same as recordMatters, keeping the verdict on a ticking parent', () => {
    const interest = { adapter: generic, holding: true };
    const matters = createChangeFilter(() => interest);
    for (let tick = 0; tick < 3; tick++) {
      expect(matters(record([textIn('#counter')], [document.createTextNode('x')]))).toBe(false);
      expect(matters(record([textIn('[itemprop="name"]')]))).toBe(true);
    }
  });

  it('judges text afresh once an element was added (old parents may have moved)', () => {
    const interest = { adapter: generic, holding: false };
    const matters = createChangeFilter(() => interest);
    const counter = document.getElementById('counter') as Element;
    expect(matters(record([textIn('#counter')]))).toBe(false);
    // The page moves the counter into a property's value.
    const property = document.querySelector('[itemprop="name"]') as Element;
    property.append(counter);
    matters(record([counter]));
    expect(matters(record([textIn('#counter')]))).toBe(true);
  });
});

describe('createChangeFilter: the first look at the target', () => {
  // A page of its own: the tests above move its counters around.
  const { document } = parseHTML(`<html><body>
    <p>Ends in <span id="counter">10</span></p>
    <div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Kettle</span>
      <span id="inner-counter">10</span></div>
    </body></html>`);
  const textIn = (selector: string) => {
    const text = document.createTextNode('9');
    document.querySelector(selector)?.append(text);
    return text;
  };
  /** A record whose node lists must not be read (reading them throws). */
  const unread = (target: Node) =>
    ({
      target,
      get addedNodes(): never {
        throw new Error('node list read');
      },
      get removedNodes(): never {
        throw new Error('node list read');
      },
    }) as unknown as MutationRecord;
  const withTarget = (target: Node, added: Node[], removed: Node[] = []) =>
    ({ target, addedNodes: added, removedNodes: removed }) as unknown as MutationRecord;

  it("drops a ticking counter's later records from the target alone", () => {
    const matters = createChangeFilter(() => ({ adapter: generic, holding: true }));
    const counter = document.getElementById('counter') as Element;
    // The first record is read and judged: text under the counter does not matter.
    expect(
      matters(withTarget(counter, [textIn('#counter')], [document.createTextNode('10')])),
    ).toBe(false);
    // Every later one is dropped without reading what it added or removed.
    for (let tick = 0; tick < 3; tick++) expect(matters(unread(counter))).toBe(false);
  });

  it('reads the records again once the target holds an element', () => {
    const matters = createChangeFilter(() => ({ adapter: generic, holding: true }));
    const counter = document.getElementById('inner-counter') as Element;
    expect(matters(withTarget(counter, [textIn('#inner-counter')]))).toBe(false);
    const item = document.createElement('span');
    item.setAttribute('itemprop', 'sku');
    counter.append(item);
    expect(matters(withTarget(counter, [item]))).toBe(true);
    // Taken out again while something is mounted: the removal matters.
    item.remove();
    expect(matters(withTarget(counter, [], [item]))).toBe(true);
  });

  it('never treats as quiet a target holding elements, or one where text matters', () => {
    const matters = createChangeFilter(() => ({ adapter: generic, holding: true }));
    const property = document.querySelector('[itemprop="name"]') as Element;
    expect(matters(withTarget(property, [textIn('[itemprop="name"]')]))).toBe(true);
    expect(() => matters(unread(property))).toThrow('node list read');
    const body = document.body;
    const gone = document.createElement('div');
    expect(matters(withTarget(body, [], [gone]))).toBe(true);
    expect(() => matters(unread(body))).toThrow('node list read');
  });

  it('forgets quiet targets when the adapter changes', () => {
    let adapter: SiteAdapter | undefined = generic;
    const matters = createChangeFilter(() => ({ adapter, holding: false }));
    const counter = document.getElementById('counter') as Element;
    expect(matters(withTarget(counter, [textIn('#counter')]))).toBe(false);
    expect(matters(unread(counter))).toBe(false);
    adapter = repeated;
    expect(() => matters(unread(counter))).toThrow('node list read');
  });

  it('sets a target aside once it ticked SET_ASIDE_AFTER times, and takes leaves back for a new adapter', () => {
    let adapter: SiteAdapter | undefined = generic;
    const asked: string[] = [];
    const leaves: LeafControl = {
      setAside: (leaf) => asked.push(`aside #${leaf.id}`) > 0,
      release: () => {
        asked.push('release');
      },
    };
    const matters = createChangeFilter(
      () => ({ adapter, holding: true }),
      () => leaves,
    );
    const counter = document.getElementById('counter') as Element;
    expect(matters(withTarget(counter, [textIn('#counter')]))).toBe(false);
    for (let tick = 1; tick < SET_ASIDE_AFTER; tick++) expect(matters(unread(counter))).toBe(false);
    expect(asked).toEqual([]);
    expect(matters(unread(counter))).toBe(false);
    expect(asked).toEqual(['aside #counter']);
    // Asked once: later records (if any still come) are dropped as before.
    for (let tick = 0; tick < 3; tick++) expect(matters(unread(counter))).toBe(false);
    expect(asked).toEqual(['aside #counter']);
    adapter = repeated;
    expect(() => matters(unread(counter))).toThrow('node list read');
    expect(asked).toEqual(['aside #counter', 'release']);
  });
});
