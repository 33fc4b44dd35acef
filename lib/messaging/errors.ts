/** Kept free of Zod: the content script's client (client.ts) reads these on every page. */
export const ERROR_CODES = [
  'bad-request',
  'forbidden',
  'unknown-message',
  'not-found',
  'database-unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const isErrorCode = (value: unknown): value is ErrorCode =>
  (ERROR_CODES as readonly unknown[]).includes(value);

/** An error a handler means to report to the sender, with a code the UI can act on. */
export class MessageError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}
