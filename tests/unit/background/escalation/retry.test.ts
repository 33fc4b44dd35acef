import { describe, expect, it } from 'vitest';
import {
  escalationRetryDelay,
  FIRST_RETRY_MS,
  MAX_RETRY_MS,
} from '@/lib/background/escalation/retry';

describe('escalation retry delay', () => {
  it('starts near 1 s, doubles, and never passes 15 s', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 10, 50].map((n) => escalationRetryDelay(n, 0.999_999));
    expect(ceilings).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000, 15000]);
  });

  it('jitters between half and all of the wait', () => {
    for (const attempts of [1, 3, 8]) {
      const low = escalationRetryDelay(attempts, 0);
      const high = escalationRetryDelay(attempts, 0.999_999);
      expect(low).toBe(Math.round(high / 2));
      expect(low).toBeGreaterThanOrEqual(FIRST_RETRY_MS / 2);
      expect(high).toBeLessThanOrEqual(MAX_RETRY_MS);
    }
  });
});
