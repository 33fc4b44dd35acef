/**
 * Framing is no blanket excuse (context-schema.ts liftedBy): field- and item-wide framing
 * ("how to spot", warnings, news) cancels a match unless an offer stands beside the match in
 * its own sentence and the framing itself does not, or a pivot ("anyway") cuts it off.
 */
import { describe, expect, it } from 'vitest';
import { loadPack, type PackError } from '@/lib/shared/policy';
import { compiled, fires, NEGATION, packWith } from './context-helpers';

const SPOT = {
  terms: {
    en: ['how to spot', 'beware', 'scammers'],
    th: ['ระวัง'],
    vi: ['cảnh báo'],
    id: ['hati-hati'],
    ms: ['amaran'],
    fil: ['babala'],
  },
  window: { within: 'item' },
  examples: { mustMatch: ['how to spot a fake'], mustNotMatch: ['fake for sale'] },
};
const OFFER = {
  terms: {
    en: ['we stock', 'dm me', 'order there'],
    th: ['ทักแชท'],
    vi: ['ib em'],
    id: ['ready stok'],
    ms: ['pm saya'],
    fil: ['pm lang'],
  },
  examples: { mustMatch: ['we stock it'], mustNotMatch: ['how to spot'] },
};
const PIVOT = {
  terms: {
    en: ['anyway', 'btw'],
    th: ['แต่ถ้า'],
    vi: ['còn ai'],
    id: ['btw'],
    ms: ['btw'],
    fil: ['pero kung'],
  },
  examples: { mustMatch: ['anyway'], mustNotMatch: ['how to spot'] },
};
const lift = (extra: Record<string, unknown> = {}) => ({
  context: 'offer',
  within: 4,
  keepWithin: 6,
  ...extra,
});
const contexts = (spot: Record<string, unknown>) => ({
  negation: NEGATION,
  'how-to-spot': spot,
  offer: OFFER,
  pivot: PIVOT,
});
/** A pack whose rule is excused by "how to spot" framing, `spot` added to that context. */
const spotPack = (spot: Record<string, unknown> = {}, rule: Record<string, unknown> = {}) =>
  packWith({ unless: ['how-to-spot'], ...rule }, contexts({ ...SPOT, ...spot }));
const withLift = (extra?: Record<string, unknown>, rule: Record<string, unknown> = {}) =>
  compiled(spotPack({ liftedBy: lift(extra) }, rule));

describe('framing lifted by an offer (liftedBy)', () => {
  const pack = withLift();

  it('lets an offer in another sentence fire despite item-wide framing', () => {
    expect(fires(pack, 'How to spot a Royal Oak: check the font. We stock fake ones, $480')).toBe(
      true,
    );
    expect(fires(pack, 'Beware of scammers! Fake admins everywhere, order there')).toBe(true);
  });

  it('keeps cancelling without an offer beside the match', () => {
    expect(fires(pack, 'How to spot a Royal Oak: check the font. Fake ones are light.')).toBe(
      false,
    );
    // The offer is too far from the match (more than 4 words).
    expect(fires(pack, 'How to spot one. Fake dials look odd in every light, we stock none')).toBe(
      false,
    );
  });

  it('keeps cancelling when the framing is in the match sentence, near it', () => {
    expect(fires(pack, 'Beware of scammers who DM me fake receipts')).toBe(false);
    expect(fires(pack, 'Scammers sell fake ones, never order there')).toBe(false);
  });

  it('does not count an offer in another sentence', () => {
    expect(fires(pack, 'How to spot it. Fake straps are thin. We stock the real one')).toBe(false);
  });

  it('leaves framing without liftedBy a blanket exception', () => {
    const blanket = compiled(spotPack());
    expect(fires(blanket, 'How to spot a Royal Oak: check the font. We stock fake ones')).toBe(
      false,
    );
  });

  it('leaves word-window clauses of the context alone', () => {
    const near = withLift(undefined, { unless: [{ context: 'how-to-spot', before: 3 }] });
    expect(fires(near, 'Beware: fake ones, we stock them')).toBe(false);
    // Outside the 3-word window the framing never applied.
    expect(fires(near, 'Beware of the many shops out there. Fake ones, we stock')).toBe(true);
  });

  it('lets a pivot between framing and match end the framing reach', () => {
    const text = 'Beware the copies, anyway we stock fake ones';
    expect(fires(pack, text)).toBe(false); // "beware" 5 words before: near
    expect(fires(withLift({ pivot: 'pivot' }), text)).toBe(true);
    // A pivot after the match does not separate framing that comes before it.
    expect(fires(withLift({ pivot: 'pivot' }), 'Beware, we stock fake ones anyway')).toBe(false);
  });

  it('works in other languages', () => {
    const p = withLift({ pivot: 'pivot' }, { terms: ['fake', 'hàng fake', 'palsu', 'peke'] });
    expect(fires(p, 'Cảnh báo shop giả mạo. Còn ai cần hàng fake ib em nha')).toBe(true);
    expect(fires(p, 'Hati-hati ya kak. Tas palsu ready stok')).toBe(true);
    expect(fires(p, 'Babala sa lahat. Pero kung gusto niyo, meron peke pm lang')).toBe(true);
    expect(fires(p, 'Hati-hati tas palsu ready stok di luar sana')).toBe(false);
  });
});

async function errorsOf(json: Record<string, unknown>): Promise<PackError[]> {
  const result = await loadPack(json, { allowUnsigned: true });
  if (result.ok) throw new Error('the pack should have been refused');
  return result.errors;
}

describe('liftedBy is validated with its JSON path', () => {
  const refused = async (liftedBy: unknown) => errorsOf(spotPack({ liftedBy }));

  it('refuses an unknown offer or pivot context, and a context lifting itself', async () => {
    expect(await refused(lift({ context: 'ofer' }))).toEqual([
      { path: 'contexts["how-to-spot"].liftedBy.context', message: 'unknown context "ofer"' },
    ]);
    expect(await refused(lift({ pivot: 'pivto' }))).toEqual([
      { path: 'contexts["how-to-spot"].liftedBy.pivot', message: 'unknown context "pivto"' },
    ]);
    expect(await refused(lift({ context: 'how-to-spot' }))).toEqual([
      {
        path: 'contexts["how-to-spot"].liftedBy.context',
        message: 'a context cannot lift itself',
      },
    ]);
  });

  it('refuses a malformed liftedBy', async () => {
    const paths = async (l: unknown) => (await refused(l)).map((e) => e.path);
    expect(await paths({ context: 'offer', within: 4 })).toEqual([
      'contexts["how-to-spot"].liftedBy.keepWithin',
    ]);
    expect(await paths(lift({ within: 51 }))).toEqual(['contexts["how-to-spot"].liftedBy.within']);
    expect(await paths(lift({ extra: 1 }))).toEqual(['contexts["how-to-spot"].liftedBy.extra']);
    expect(await paths('offer')).toEqual(['contexts["how-to-spot"].liftedBy']);
  });

  it('counts the offer and pivot contexts as used in the report', async () => {
    const result = await loadPack(spotPack({ liftedBy: lift({ pivot: 'pivot' }) }), {
      allowUnsigned: true,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const used = Object.fromEntries((result.report.contexts ?? []).map((c) => [c.id, c.usedBy]));
    expect(used).toMatchObject({ offer: 1, pivot: 1, 'how-to-spot': 1 });
  });
});
