import type { ErrorCode } from './message-map';

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
