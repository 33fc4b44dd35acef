import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyRemote,
  checkEscalationRequest,
  EscalationInputError,
  escalateFlag,
  escalateNewFlag,
  escalationsForFlag,
} from '@/lib/background/escalation/escalations-repo';
import { FlagpostDb } from '@/lib/background/store/db';
import { createFlag, type NewFlag } from '@/lib/background/store/flags-repo';
import { escalationSchema } from '@/lib/shared/protocol/escalations';
import { ITEM } from '../store/samples';

let db: FlagpostDb;
let tick = 0;
const author = {
  reviewer: 'alice',
  clock: () => new Date(Date.UTC(2026, 10, 1, 8, 0, tick++)).toISOString(),
};
const critical: NewFlag = {
  item: ITEM,
  policyId: 'child-safety',
  policyVersion: '2026.11',
  severity: 'critical',
  source: 'manual',
  status: 'confirmed',
};

beforeEach(async () => {
  db = new FlagpostDb(`flagpost-escalations-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('escalating', () => {
  it('stores the flag, its outbox entry and the queued escalation together', async () => {
    const { flag, escalation } = await escalateNewFlag(
      db,
      critical,
      { category: 'child_safety', reason: 'Minor in danger on a live stream.' },
      author,
    );
    expect(await db.flags.get(flag.id)).toBeDefined();
    expect(await db.outbox.get(`flag:${flag.id}`)).toBeDefined();
    expect(await db.escalations.get(escalation.id)).toMatchObject({
      flagId: flag.id,
      lane: 'queued',
      attempts: 0,
      item: ITEM,
    });
  });

  it('refuses a missing category or a blank reason and then writes nothing at all', async () => {
    await expect(
      escalateNewFlag(db, critical, { category: 'child_safety', reason: '  ' }, author),
    ).rejects.toThrow(/reason: a reason is required/);
    await expect(
      escalateNewFlag(db, critical, { category: '', reason: 'Threat of violence.' }, author),
    ).rejects.toBeInstanceOf(EscalationInputError);
    expect(await db.flags.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.escalations.count()).toBe(0);
  });

  it('checks category and reason alone, before anything is captured, as escalating would', () => {
    expect(() => checkEscalationRequest({ category: 'child_safety', reason: ' ' })).toThrow(
      /reason: a reason is required/,
    );
    expect(() => checkEscalationRequest({ category: 'weather', reason: 'Storm.' })).toThrow(
      /category: must be one of child_safety/,
    );
    expect(() =>
      checkEscalationRequest({ category: 'scam_wave', reason: 'Fake giveaway in 40 lives.' }),
    ).not.toThrow();
  });

  it('escalates an existing flag once, however often it is asked', async () => {
    const flag = await createFlag(db, critical, author);
    const first = await escalateFlag(
      db,
      flag.id,
      { category: 'scam_wave', reason: 'Same script on 40 accounts.' },
      author,
    );
    const second = await escalateFlag(
      db,
      flag.id,
      { category: 'scam_wave', reason: 'Pressed twice.' },
      author,
    );
    expect(second.id).toBe(first.id);
    expect(await escalationsForFlag(db, flag.id)).toHaveLength(1);
  });
});

describe('receipts from the endpoint', () => {
  it('announces acknowledgement and resolution once each, keeping unknown categories', async () => {
    const { escalation } = await escalateNewFlag(
      db,
      critical,
      { category: 'child_safety', reason: 'Minor in danger.' },
      author,
    );
    const remote = escalationSchema.parse({
      ...escalation,
      reviewer: 'alice',
      category: 'a_category_from_a_newer_endpoint',
      state: 'acknowledged',
      receivedAt: '2026-11-01T08:00:01.000Z',
      acknowledgeDueAt: '2026-11-01T08:02:01.000Z',
      resolveDueAt: '2026-11-01T08:30:01.000Z',
      acknowledgedBy: 'lead-lin',
      acknowledgedAt: '2026-11-01T08:00:30.000Z',
      resolvedBy: null,
      resolvedAt: null,
      outcome: null,
    });
    expect((await applyRemote(db, remote))?.announce).toBe('acknowledged');
    expect((await applyRemote(db, remote))?.announce).toBeUndefined();
    const resolved = { ...remote, state: 'resolved' as const };
    expect((await applyRemote(db, resolved))?.announce).toBe('resolved');
    const row = await db.escalations.get(escalation.id);
    expect(row).toMatchObject({ lane: 'delivered', deliveredAt: '2026-11-01T08:00:01.000Z' });
    expect(row?.remote?.category).toBe('a_category_from_a_newer_endpoint');
  });
});
