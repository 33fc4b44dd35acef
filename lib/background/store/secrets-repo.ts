/**
 * Secrets (the endpoint token) live in the extension origin's IndexedDB: content scripts
 * run in the page's origin and cannot open it, and no message returns a secret.
 */
import type { FlagpostDb } from './db';

export type SecretName = 'endpointToken';

export async function readSecret(db: FlagpostDb, name: SecretName): Promise<string | undefined> {
  return (await db.secrets.get(name))?.value;
}

export async function writeSecret(db: FlagpostDb, name: SecretName, value: string): Promise<void> {
  if (value === '') await db.secrets.delete(name);
  else await db.secrets.put({ name, value });
}
