/**
 * What the escalation lane's tests against the real endpoint (in-memory PGlite, real HTTP)
 * share: the endpoint with a reviewer's and a lead's token, a fresh database for each test,
 * the lanes a test starts (stopped after it), and a critical flag escalated as a reviewer
 * does. Call useLaneHarness at the top of a test file: it registers the hooks.
 */
import Dexie from 'dexie';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { escalateNewFlag } from '@/lib/background/escalation/escalations-repo';
import {
  createEscalationLane,
  type EscalationLane,
  type LaneOptions,
} from '@/lib/background/escalation/lane';
import { FlagpostDb } from '@/lib/background/store/db';
import type { EndpointConfig } from '@/lib/background/sync/transport';
import { issueToken, type RunningServer, startServer } from '@/server/app';
import { ITEM } from '../store/samples';

/** The lane's options a test chooses; the database and the endpoint come from the harness. */
export type LaneChoices = Omit<LaneOptions, 'db' | 'config'>;

export interface LaneHarness {
  readonly server: RunningServer;
  /** The reviewer alice's token. */
  readonly token: string;
  /** An admin lead's token, to read what the endpoint holds. */
  readonly lead: string;
  readonly db: FlagpostDb;
  /** The endpoint's config for alice, or for another token. */
  endpoint(token?: string): EndpointConfig;
  /** A lane on this test's database, sending to `config`; stopped after the test. */
  lane(config: EndpointConfig, choices: LaneChoices): EscalationLane;
  /** A new critical flag, escalated with `reason` (and the snapshots it cites). */
  escalate(reason: string, evidence?: string[]): ReturnType<typeof escalateNewFlag>;
}

const author = { reviewer: 'alice', clock: () => new Date().toISOString() };

export function useLaneHarness(dbPrefix: string): LaneHarness {
  let server: RunningServer;
  let token: string;
  let lead: string;
  let db: FlagpostDb;
  const lanes: EscalationLane[] = [];

  beforeAll(async () => {
    server = await startServer();
    token = (await issueToken(server.db, 'alice')).token;
    lead = (await issueToken(server.db, 'lead-lin', { admin: true })).token;
  });
  afterAll(() => server?.close());
  beforeEach(async () => {
    db = new FlagpostDb(`${dbPrefix}-${Math.random()}`);
    await db.open();
  });
  afterEach(async () => {
    for (const l of lanes.splice(0)) l.stop();
    db.close();
    await Dexie.delete(db.name);
  });

  return {
    get server() {
      return server;
    },
    get token() {
      return token;
    },
    get lead() {
      return lead;
    },
    get db() {
      return db;
    },
    endpoint: (as = token) => ({ endpointUrl: server.url, token: as }),
    lane(config, choices) {
      const created = createEscalationLane({ db, config: async () => config, ...choices });
      lanes.push(created);
      return created;
    },
    escalate: (reason, evidence) =>
      escalateNewFlag(
        db,
        {
          item: ITEM,
          policyId: 'child-safety',
          policyVersion: '2026.11',
          severity: 'critical',
          source: 'manual',
          status: 'confirmed',
        },
        { category: 'child_safety', reason, ...(evidence ? { evidence } : {}) },
        author,
      ),
  };
}
