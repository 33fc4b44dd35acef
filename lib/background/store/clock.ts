/** Time as the store records it: ISO 8601 in UTC. Injected so tests can fix it. */
export type Clock = () => string;
export const systemClock: Clock = () => new Date().toISOString();
