/**
 * The weights file (weights.json, written by `npm run train:scorer`): one logistic
 * regression per policy (one against the rest) over hashed features (features.ts), pruned to
 * the strongest features. Checked in full before use: a bad file turns suggestions off with
 * this error, and never stops the rule scan.
 */
import { z } from 'zod';

export const SCORER_FORMAT = 'flagpost-scorer/1';

const probability = z.number().min(0).max(1);

export const scorerFileSchema = z
  .strictObject({
    format: z.literal(SCORER_FORMAT),
    /** What it was trained on and how, for people reading the file. */
    trainedOn: z.string().max(400),
    features: z.strictObject({
      chars: z.tuple([z.literal(3), z.literal(5)]),
      words: z.tuple([z.literal(1), z.literal(2)]),
      digitRuns: z.literal(true),
    }),
    policies: z
      .array(z.string().regex(/^[a-z][a-z0-9-]*$/, 'a policy id'))
      .min(1)
      .max(200),
    bias: z.array(z.number().finite()),
    /** Per policy: the probability a suggestion needs (chosen on the train split). */
    thresholds: z.array(probability),
    /** Each feature: [hash, policy index, weight, policy index, weight, ...]. */
    weights: z
      .array(
        z
          .array(z.number().finite())
          .min(3)
          .refine((row) => row.length % 2 === 1, 'a hash then (policy index, weight) pairs'),
      )
      .max(100_000),
  })
  .superRefine((file, ctx) => {
    const n = file.policies.length;
    for (const key of ['bias', 'thresholds'] as const)
      if (file[key].length !== n)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `has ${file[key].length} entries for ${n} policies`,
        });
    const seen = new Set<number>();
    file.weights.forEach((row, i) => {
      const hash = row[0]!;
      if (!Number.isInteger(hash) || hash < 0 || hash > 0xffffffff)
        ctx.addIssue({ code: 'custom', path: ['weights', i, 0], message: 'hash is not a uint32' });
      else if (seen.has(hash))
        ctx.addIssue({ code: 'custom', path: ['weights', i, 0], message: 'hash listed twice' });
      seen.add(hash);
      for (let p = 1; p < row.length; p += 2) {
        const policy = row[p]!;
        if (!Number.isInteger(policy) || policy < 0 || policy >= n)
          ctx.addIssue({
            code: 'custom',
            path: ['weights', i, p],
            message: `policy index ${policy} is not one of the ${n} policies`,
          });
      }
    });
  });

export type ScorerFile = z.infer<typeof scorerFileSchema>;
