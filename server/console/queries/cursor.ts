/**
 * Keyset cursors: the (time, id) of the last row of a page, opaque to clients (base64url
 * JSON). The time is PostgreSQL's own text of the timestamp, to the microsecond, so the next
 * page starts exactly after the last row whatever precision the stored time has.
 */
import { ConsoleQueryError } from './inputs';

export interface Keyset {
  /** ISO 8601, microseconds, UTC, as `keysetTimeSql` writes it. */
  at: string;
  id: string;
}

/** The SQL that writes a timestamptz column as a cursor's time. */
export const keysetTimeSql = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export const encodeCursor = (keyset: Keyset) =>
  Buffer.from(JSON.stringify([keyset.at, keyset.id]), 'utf8').toString('base64url');

export function decodeCursor(cursor: string): Keyset {
  const refuse = () =>
    new ConsoleQueryError([
      {
        path: 'cursor',
        message: 'is not a cursor this endpoint issued (start again without one)',
        code: 'invalid_cursor',
      },
    ]);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    typeof value[0] !== 'string' ||
    !TIME.test(value[0]) ||
    Number.isNaN(Date.parse(value[0])) ||
    typeof value[1] !== 'string' ||
    !/^[\w.:-]{1,128}$/.test(value[1])
  )
    throw refuse();
  return { at: value[0], id: value[1] };
}
