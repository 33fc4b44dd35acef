/**
 * The background's handle on the database: opened once, and when opening fails the reason
 * is kept and reported to every caller instead of each one failing obscurely.
 */

import { describeOpenError, FlagpostDb, schemaProblems } from '@/lib/background/store/db';
import { MessageError } from '@/lib/messaging/errors';

let opening: Promise<FlagpostDb> | undefined;

async function open(): Promise<FlagpostDb> {
  const db = new FlagpostDb();
  try {
    await db.open();
  } catch (error) {
    throw new MessageError('database-unavailable', describeOpenError(error));
  }
  // Dexie 4 opens a database that a newer release changed; check it is still ours.
  const problems = schemaProblems(db);
  if (problems.length) {
    const found = db.backendDB().version;
    db.close();
    throw new MessageError(
      'database-unavailable',
      `The database was changed by a newer version of Flagpost (schema ${found}): ${problems.slice(0, 3).join('; ')}. Update Flagpost.`,
    );
  }
  // Another Flagpost context upgraded the schema: let it, and reopen on next use.
  db.on('versionchange', () => {
    db.close();
    opening = undefined;
  });
  return db;
}

export function database(): Promise<FlagpostDb> {
  opening ??= open().catch((error: unknown) => {
    opening = undefined; // try again on the next call: the cause may be transient
    throw error;
  });
  return opening;
}
