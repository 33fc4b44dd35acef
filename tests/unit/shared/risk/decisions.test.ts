import { describe, expect, it } from 'vitest';
import { creatorDecisions, withLeadDecisions } from '@/lib/shared/risk/decisions';

const escalation = {
  id: 'E1',
  flagId: 'F1',
  itemId: 'v1',
  category: 'dangerous_product',
  reason: 'Homemade gun parts.',
  createdAt: '2026-12-01T10:00:00.000Z',
  state: 'resolved',
  acknowledgedBy: 'lead-lin',
  acknowledgedAt: '2026-12-01T10:01:00.000Z',
  resolvedAt: '2026-12-01T10:05:00.000Z',
  outcome: {
    decision: 'actioned',
    note: 'Listing pulled.',
    enforcementAction: { id: 'A1', action: 'listing_removed', reason: 'Gun parts.' },
  },
};

describe('creatorDecisions', () => {
  it('lists outcomes and enforcement newest first, an action from a resolution once', () => {
    const decisions = creatorDecisions(
      [escalation],
      [
        {
          id: 'A1',
          action: 'listing_removed',
          reason: 'Gun parts.',
          at: '2026-12-01T10:05:00.000Z',
        },
        { id: 'A0', action: 'warning', reason: 'Earlier listing.', at: '2026-11-01T00:00:00.000Z' },
        { id: 'A2', action: 'banned', reason: 'Repeat.', at: '2026-12-02T00:00:00.000Z' },
      ],
    );
    expect(decisions.map((d) => [d.kind, d.id])).toEqual([
      ['enforcement', 'A2'],
      ['escalation', 'E1'],
      ['enforcement', 'A0'],
    ]);
    expect(decisions[1]).toMatchObject({
      decision: 'actioned',
      decisionKnown: true,
      enforcementAction: 'listing_removed',
      enforcementKnown: true,
      categoryKnown: true,
      at: escalation.resolvedAt,
    });
  });

  it('keeps categories, decisions and actions it has no name for, marked unknown', () => {
    const decisions = creatorDecisions(
      [
        {
          ...escalation,
          category: 'mass_casualty_event',
          outcome: {
            decision: 'escalated_to_police',
            note: '',
            enforcementAction: { id: 'A9', action: 'shadow_ban', reason: 'r' },
          },
        },
        {
          ...escalation,
          id: 'E2',
          state: 'open',
          resolvedAt: null,
          acknowledgedAt: null,
          acknowledgedBy: null,
          outcome: null,
        },
      ],
      [{ id: 'A8', action: 'geo_block', reason: 'r', at: '2026-12-03T00:00:00.000Z' }],
    );
    expect(decisions).toHaveLength(3);
    expect(decisions[0]).toMatchObject({
      kind: 'enforcement',
      action: 'geo_block',
      actionKnown: false,
    });
    expect(decisions.find((d) => d.id === 'E1')).toMatchObject({
      category: 'mass_casualty_event',
      categoryKnown: false,
      decision: 'escalated_to_police',
      decisionKnown: false,
      enforcementAction: 'shadow_ban',
      enforcementKnown: false,
    });
    const open = decisions.find((d) => d.id === 'E2');
    expect(open).toMatchObject({ state: 'open', at: escalation.createdAt });
    expect(open).not.toHaveProperty('decision');
  });
});

describe('withLeadDecisions', () => {
  it('weighs an escalated flag as its lead decided, and leaves the others alone', () => {
    const flags = [
      { id: 'F1', status: 'confirmed' },
      { id: 'F2', status: 'suggested' },
      { id: 'F3', status: 'confirmed' },
      { id: 'F4', status: 'suggested' },
    ];
    const decided = new Map([
      ['F1', 'no_violation'],
      ['F2', 'actioned'],
      ['F3', 'referred'],
      ['F4', 'a_decision_from_a_newer_endpoint'],
    ]);
    const out = withLeadDecisions(flags, decided);
    expect(out.map((f) => f.status)).toEqual(['dismissed', 'confirmed', 'confirmed', 'suggested']);
    // Unchanged flags are the same objects; the input is not modified.
    expect(out[2]).toBe(flags[2]);
    expect(flags[0]!.status).toBe('confirmed');
  });
});
