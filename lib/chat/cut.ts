import { MessagingError } from '../messaging/rpc';

/** Codes of answers cut off on the way: their text is kept, they show as cut, and they can be retried. */
export const CUT_CODES = new Set(['disconnected', 'stream_truncated', 'connection_lost']);

export function isCut(error: { code: string } | undefined): boolean {
  return Boolean(error && CUT_CODES.has(error.code));
}

/** A lost port means the browser stopped Switchyard's background mid-answer: say so plainly. */
export function asCut(error: MessagingError): MessagingError {
  if (error.code !== 'disconnected') return error;
  return new MessagingError(
    'disconnected',
    'The browser stopped Switchyard’s background before this answer was complete. The text so far is kept, and the spend is in the ledger as “interrupted”.',
  );
}
