/**
 * The flag and note messages take their fields from the wire records (records.ts): what a
 * page or panel may send is what the endpoint accepts, so the two cannot drift apart.
 */
import { describe, expect, it } from 'vitest';
import { messageMap } from '@/lib/messaging/message-map';
import { ITEM } from '../background/store/samples';

const ID = '01JD8Z5X9G3V7K2M4N6P8Q0R1S';
const createFlag = (extra: Record<string, unknown>) =>
  messageMap['flag.create'].request.safeParse({
    item: ITEM,
    policyId: 'counterfeit-goods',
    severity: 'high',
    ...extra,
  });

describe('flag and note messages keep the wire format', () => {
  it('flag.create refuses an empty rule id, as the wire format does', () => {
    expect(createFlag({ ruleId: 'r1' }).success).toBe(true);
    const empty = createFlag({ ruleId: '' });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.path).toEqual(['ruleId']);
  });

  it('flag.update refuses a note with a NUL or over 5,000 characters, and leaves an absent note absent', () => {
    const update = messageMap['flag.update'].request;
    expect(update.parse({ id: ID, status: 'dismissed' })).toEqual({ id: ID, status: 'dismissed' });
    const nul = update.safeParse({ id: ID, note: 'call me\u0000' });
    expect(nul.error?.issues[0]?.path).toEqual(['note']);
    expect(update.safeParse({ id: ID, note: 'x'.repeat(5001) }).success).toBe(false);
    expect(update.parse({ id: ID, note: '' })).toEqual({ id: ID, note: '' });
  });

  it('note texts are trimmed, then held to the wire note: not empty, no lone surrogate', () => {
    const target = { type: 'item', item: ITEM };
    const create = messageMap['note.create'].request;
    expect(create.parse({ target, text: '  asks to DM  ' })).toMatchObject({ text: 'asks to DM' });
    expect(create.safeParse({ target, text: '   ' }).success).toBe(false);
    expect(create.safeParse({ target, text: 'half \uD800 pair' }).success).toBe(false);
    const edit = messageMap['creator.note.edit'].request;
    expect(edit.safeParse({ id: ID, text: 'ok' }).success).toBe(true);
    expect(edit.safeParse({ id: ID, text: 'x'.repeat(5001) }).success).toBe(false);
  });
});
