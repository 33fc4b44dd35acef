/**
 * The reviewer's market for items whose page does not say where they are sold: market-specific
 * checks (a national ID format, a local e-wallet's name) run on such items only for this
 * market. 'any' names none: every market's checks run on such items, as before markets were
 * set per rule.
 */
import { z } from 'zod';
import { MARKETS, type Market } from '@/lib/shared/protocol/vocabulary';

export const defaultMarketSchema = z.enum(['any', ...MARKETS], {
  error: `must be "any" or one of the markets ${MARKETS.join(', ')}`,
});
export type DefaultMarket = z.infer<typeof defaultMarketSchema>;

/** The market to evaluate an item with no known market as, or undefined for 'any'. */
export const fallbackMarket = (choice: DefaultMarket): Market | undefined =>
  choice === 'any' ? undefined : choice;
