import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@/lib/shared/canonical-json';
import { formatIssuePath } from '@/lib/shared/protocol/issues';
import { TokenBucketLimiter } from '@/server/auth/rate-limit';
import { recordDigest } from '@/server/record-digest';
import { matchesIfNoneMatch } from '@/server/routes/policy-pack';

describe('token bucket', () => {
  it('allows the burst, then one request per refill, per key', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perSecond: 2, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').allowed).toBe(true);
    now = 500; // Half a second earns one request at 2 per second.
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('rounds Retry-After up to whole seconds', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perSecond: 0.25, burst: 1 }, () => now);
    limiter.take('a');
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 4 });
    now = 2_500;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });
});

describe('If-None-Match', () => {
  it('matches strong, weak, listed and wildcard validators', () => {
    expect(matchesIfNoneMatch('"abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('W/"abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"x", "abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"abd"', '"abc"')).toBe(false);
    expect(matchesIfNoneMatch(undefined, '"abc"')).toBe(false);
  });
});

describe('wire helpers', () => {
  it('writes issue paths in accessor notation', () => {
    expect(formatIssuePath(['records', 3, 'record', 'severity'])).toBe(
      'records[3].record.severity',
    );
    expect(formatIssuePath(['platform'], 'params')).toBe('params.platform');
    expect(formatIssuePath(['a-b'])).toBe('["a-b"]');
    expect(formatIssuePath([])).toBe('(root)');
  });

  it('gives equal records equal canonical JSON whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe(
      canonicalJson({ a: { d: [2, { e: 0, f: 1 }] }, b: 1 }),
    );
  });

  it('digests a record as the SHA-256 of its canonical JSON, whatever its key order', () => {
    const text = '{"a":{"d":[2,{"e":0,"f":1}]},"b":1}';
    expect(recordDigest({ b: 1, a: { d: [2, { f: 1, e: 0 }] } })).toBe(
      createHash('sha256').update(text).digest('hex'),
    );
    expect(recordDigest({ a: 1 })).not.toBe(recordDigest({ a: 2 }));
  });
});
