/** Version 6 adds the escalations table; a v5 profile opens with its rows and can escalate. */
import Dexie from 'dexie';
import { expect, it } from 'vitest';
import { escalateFlag } from '@/lib/background/escalation/escalations-repo';
import { FlagpostDb } from '@/lib/background/store/db';
import { sampleFlag } from './samples';

it('opens a version 5 database at version 6 with its flags, ready to escalate them', async () => {
  const name = `flagpost-migration-v6-${Math.random()}`;
  const v5 = new FlagpostDb(name, 5);
  await v5.open();
  const flag = sampleFlag();
  await v5.flags.add(flag);
  v5.close();

  const v6 = new FlagpostDb(name, 6);
  await v6.open();
  expect(v6.verno).toBeGreaterThanOrEqual(6);
  expect(await v6.flags.get(flag.id)).toEqual(flag);
  expect(await v6.escalations.count()).toBe(0);
  const escalation = await escalateFlag(
    v6,
    flag.id,
    { category: 'violence_threat', reason: 'Threat in the live chat.' },
    { reviewer: 'alice', clock: () => '2026-11-01T09:00:00.000Z' },
  );
  expect(await v6.escalations.where('lane').equals('queued').count()).toBe(1);
  expect(await v6.escalations.where('flagId').equals(flag.id).first()).toEqual(escalation);
  v6.close();
  await Dexie.delete(name);
});
