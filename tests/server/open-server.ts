/**
 * A test file's server: the backend opened, the endpoint started on it, and a token issued
 * for each reviewer the file names (`{ id, admin: true }` for a lead). `close` stops the
 * server and disposes of the database.
 */
import { issueToken, type RunningServer, startServer } from '@/server/app';
import type { Backend } from './helpers';

export type Reviewer = string | { id: string; admin: true };

export async function openServer<K extends string>(
  backend: Backend,
  reviewers: Record<K, Reviewer>,
): Promise<{ server: RunningServer; tokens: Record<K, string>; close: () => Promise<void> }> {
  const opened = await backend.open();
  const server = await startServer({ database: opened.db });
  const tokens = {} as Record<K, string>;
  for (const [name, reviewer] of Object.entries(reviewers) as [K, Reviewer][]) {
    tokens[name] = (
      typeof reviewer === 'string'
        ? await issueToken(opened.db, reviewer)
        : await issueToken(opened.db, reviewer.id, { admin: true })
    ).token;
  }
  const close = async () => {
    await server.close();
    await opened.dispose();
  };
  return { server, tokens, close };
}
