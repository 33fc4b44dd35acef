/**
 * `items.evaluate`: a batch of page items against the active pack. Each answer also carries
 * what the reviewer already recorded on the item (so the badge counts it from the start)
 * and each finding its rule's measured precision (so the reviewer can weigh it), both from
 * one indexed query per batch. The learned scorer adds its suggestions after the rules. The
 * checks still answer when the database cannot be opened.
 */

import { loadSettings } from '@/lib/background/settings/settings';
import type { StoredFlag, WithSync } from '@/lib/background/store/db';
import { liveFlagsByItem } from '@/lib/background/store/flags-repo';
import { rulePrecisions } from '@/lib/background/store/rule-stats-repo';
import type { ParsedRequestOf, ResponseOf } from '@/lib/messaging/message-map';
import { evaluate, policyName } from '@/lib/shared/policy';
import { bundledScorer, suggestFindings } from '@/lib/shared/policy/scorer';
import { fallbackMarket } from '@/lib/shared/settings/default-market';
import { database } from './database';
import { escalationViewsForFlags } from './escalation-views';
import { activePack } from './policy-engine';
import { reviewerLanguage } from './reviewer-language';

export async function evaluateItems({
  items,
}: ParsedRequestOf<'items.evaluate'>): Promise<ResponseOf<'items.evaluate'>> {
  const [pack, language, settings] = await Promise.all([
    activePack(),
    reviewerLanguage(),
    loadSettings(),
  ]);
  // Items whose page does not say where they are sold are checked as the reviewer's market.
  const options = { defaultMarket: fallbackMarket(settings.defaultMarket) };
  // Findings carry the policy's name in the reviewer's language, not the pack's English title.
  const names = new Map(pack.policies.map((p) => [p.id, policyName(p, language)]));
  // Where no rule of a policy fired, the bundled learned scorer may suggest it (quietly: the
  // badge does not count it). A bad weights file turns suggestions off, never the rules.
  const scorer = bundledScorer();
  if (!scorer.ok) reportScorerError(scorer.error);
  const evaluated = items.map(({ key, input }) => {
    const matched = evaluate(pack, input, options);
    const suggested = scorer.ok
      ? suggestFindings(pack, scorer.scorer, input, matched, options)
      : [];
    return {
      key,
      findings: [...matched, ...suggested].map((f) => ({
        ...f,
        title: names.get(f.policyId) ?? f.title,
      })),
    };
  });
  const rules = new Map<string, { policyId: string; ruleId: string }>();
  for (const { findings } of evaluated)
    for (const f of findings) rules.set(`${f.policyId}:${f.ruleId}`, f);

  const db = await database().catch(() => undefined);
  const [recorded, precisions] = db
    ? await Promise.all([
        liveFlagsByItem(
          db,
          items.map((i) => i.key),
        ).catch(() => new Map<string, WithSync<StoredFlag>[]>()),
        rulePrecisions(db, [...rules.values()]).catch(() => []),
      ])
    : [new Map<string, WithSync<StoredFlag>[]>(), []];
  const byRule = new Map(precisions.map((p) => [`${p.policyId}:${p.ruleId}`, p]));
  // The card shows each flag's escalation (state and the lead's outcome) from the start.
  const flagIds = [...recorded.values()].flatMap((flags) => flags.map((f) => f.id));
  const escalations = db ? await escalationViewsForFlags(db, flagIds).catch(() => []) : [];
  const escalationsOf = (flags: readonly { id: string }[]) => {
    const ids = new Set(flags.map((f) => f.id));
    return escalations.filter((e) => ids.has(e.flagId));
  };

  return {
    packId: pack.id,
    packVersion: pack.version,
    results: evaluated.map(({ key, findings }) => ({
      key,
      findings: findings.map((f) => {
        const p = byRule.get(`${f.policyId}:${f.ruleId}`);
        return p ? { ...f, precision: p.precision, decisions: p.decisions } : f;
      }),
      flags: recorded.get(key) ?? [],
      escalations: escalationsOf(recorded.get(key) ?? []),
    })),
  };
}

let scorerErrorReported = false;
function reportScorerError(error: string): void {
  if (scorerErrorReported) return;
  scorerErrorReported = true;
  console.error(`Flagpost: suggestions are off: ${error}`);
}
