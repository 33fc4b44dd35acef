/**
 * Receipts pushed by the endpoint end as browser notifications: the background service
 * (fakeBrowser, fake-indexeddb) against the real endpoint over HTTP. An acknowledgement and a
 * resolution each arrive on the event stream and are announced once, however often the
 * same receipt is read again (a catch-up read, a poll, the same event twice).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { database } from '@/entrypoints/background/database';
import {
  createEscalationService,
  type EscalationService,
} from '@/entrypoints/background/escalations';
import { saveSettings } from '@/lib/background/settings/settings';
import { systemClock } from '@/lib/background/store/clock';
import { createFlag } from '@/lib/background/store/flags-repo';
import { writeSecret } from '@/lib/background/store/secrets-repo';
import { newUlid } from '@/lib/shared/protocol/ids';
import { issueToken, type RunningServer, startServer } from '@/server/app';
import { ITEM } from '../store/samples';

let server: RunningServer;
let lead: string;
let service: EscalationService | undefined;

beforeAll(async () => {
  server = await startServer();
  lead = (await issueToken(server.db, 'lead-lin', { admin: true })).token;
});
afterAll(() => server?.close());
beforeEach(() => {
  // fakeBrowser has no catalogue: a message reads as its key and its substitutions.
  fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) =>
    [key, ...(subs === undefined ? [] : [subs].flat())].join(' ')) as never;
});
afterEach(() => service?.stop());

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not reached within 10 s');
}

const notifications = async () => Object.keys(await fakeBrowser.notifications.getAll());

describe('receipt notifications', () => {
  it('announces the acknowledgement and the resolution once each, pushed on the stream', async () => {
    const token = (await issueToken(server.db, 'alice')).token;
    await saveSettings({ endpointUrl: server.url, reviewerId: 'alice' });
    const db = await database();
    await writeSecret(db, 'endpointToken', token);
    const flag = await createFlag(
      db,
      {
        item: ITEM,
        policyId: 'minor-safety',
        policyVersion: '2.0.0',
        severity: 'critical',
        source: 'manual',
        status: 'confirmed',
      },
      { reviewer: 'alice', clock: systemClock },
    );
    service = createEscalationService();
    const escalated = await service.handlers['escalation.create'](
      { flagId: flag.id, category: 'child_safety', reason: 'Minor asked for photos on a live.' },
      { sender: {} } as never,
    );
    await until(
      async () => (await db.escalations.get(escalated.id))?.lane,
      (lane) => lane === 'delivered',
    );
    await until(
      async () => service?.live(),
      (live) => live === true,
    );
    expect(await notifications()).toEqual([]);

    const path = `${server.url}/v1/escalations/${escalated.id}`;
    const headers = { authorization: `Bearer ${lead}`, 'content-type': 'application/json' };
    await fetch(`${path}/acknowledge`, { method: 'POST', headers });
    await until(notifications, (ids) => ids.length === 1);
    expect(await notifications()).toEqual([`flagpost-escalation-${escalated.id}-acknowledged`]);

    await fetch(`${path}/resolve`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        decision: 'actioned',
        note: 'Live ended, account suspended.',
        enforcementAction: { id: newUlid(), action: 'suspended', reason: 'Grooming a minor.' },
      }),
    });
    await until(notifications, (ids) => ids.length === 2);
    // Reading the receipts again (the worker waking, a catch-up) announces nothing new.
    await service.wake();
    await service.handlers['escalation.status']({}, { sender: {} } as never);
    expect((await notifications()).sort()).toEqual(
      [
        `flagpost-escalation-${escalated.id}-acknowledged`,
        `flagpost-escalation-${escalated.id}-resolved`,
      ].sort(),
    );
    const row = await db.escalations.get(escalated.id);
    expect(row?.notified).toEqual(['acknowledged', 'resolved']);
    expect(row?.remote?.outcome).toMatchObject({ decision: 'actioned' });

    // The decision reaches the creator's decisions, with the enforcement action once.
    const { decisions } = await service.handlers['creator.decisions'](
      { creator: { platform: ITEM.platform, creatorId: ITEM.creatorId as string } },
      { sender: {} } as never,
    );
    expect(decisions).toEqual([
      expect.objectContaining({
        kind: 'escalation',
        id: escalated.id,
        decision: 'actioned',
        enforcementAction: 'suspended',
      }),
    ]);
  });
});
