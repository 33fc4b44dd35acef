/**
 * The background's handle on the database: opened once, and when opening fails the reason
 * is kept and reported to every caller instead of each one failing obscurely.
 */
import { MessageError } from '@/lib/messaging/errors';
import { describeOpenError, FlagpostDb } from '@/lib/store/db';

let opening: Promise<FlagpostDb> | undefined;

export function database(): Promise<FlagpostDb> {
  opening ??= (async () => {
    const db = new FlagpostDb();
    try {
      await db.open();
    } catch (error) {
      opening = undefined; // try again on the next call: the cause may be transient
      throw new MessageError('database-unavailable', describeOpenError(error));
    }
    // Another Flagpost context upgraded the schema: let it, and reopen on next use.
    db.on('versionchange', () => {
      db.close();
      opening = undefined;
    });
    return db;
  })();
  return opening;
}
