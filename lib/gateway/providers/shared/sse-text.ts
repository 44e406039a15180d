import type { SsePiece } from '../types';
import { Utf8Decoder } from './utf8';

const EMPTY = new Uint8Array(0);

function joinBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (!a.length) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The bytes of text that is plain ASCII (one byte per character), else undefined. */
function asciiBytes(text: string): Uint8Array | undefined {
  const bytes = new TextEncoder().encode(text);
  return bytes.length === text.length ? bytes : undefined;
}

/** Where the first event of `piece` ends, given the unfinished event before it; -1 when it does not. */
function endOfCarriedEvent(carry: string, piece: string): number {
  if (carry.endsWith('\n') && piece.startsWith('\n')) return 1;
  const at = piece.indexOf('\n\n');
  return at < 0 ? -1 : at + 2;
}

/** Where the last whole event of `text` ends (0 when none does). */
function lastEventEnd(text: string): number {
  const at = text.lastIndexOf('\n\n');
  return at < 0 ? 0 : at + 2;
}

/**
 * The text of server-sent events, cut after whole events, in a batch per network read: the event
 * begun in an earlier read and ended in this one, then the whole events this read holds. The rest
 * waits for the next read; the body's end yields whatever is left. CR and CRLF line ends are made
 * LF. While the text is plain ASCII its bytes come along (views of the read, not copies), so
 * events can be passed on without being encoded again.
 */
export async function* sseEventText(body: ReadableStream<Uint8Array>): AsyncIterable<SsePiece[]> {
  const reader = body.getReader();
  const utf8 = new Utf8Decoder();
  let carry = '';
  let carryBytes: Uint8Array | undefined = EMPTY;
  let sawCr = false;
  let done = false;
  try {
    while (!done) {
      const read = await reader.read();
      done = read.done;
      const value = read.done ? undefined : read.value;
      const cleanBefore = utf8.clean;
      const piece = utf8.decode(value);
      const pieceBytes = value ? (cleanBefore && piece.length === value.length ? value : undefined) : piece ? undefined : EMPTY;
      const batch: SsePiece[] = [];

      if (sawCr || piece.includes('\r')) {
        // Rare enough to take the simple way: no bytes, one string.
        sawCr = true;
        let text = carry + piece;
        // A CR at the very end may be half of a CRLF split across reads.
        const held = !done && text.endsWith('\r') ? '\r' : '';
        text = (held ? text.slice(0, -1) : text).replaceAll('\r\n', '\n').replaceAll('\r', '\n');
        const cut = done ? text.length : lastEventEnd(text);
        if (cut) batch.push({ text: text.slice(0, cut) });
        carry = text.slice(cut) + held;
      } else {
        let from = 0;
        if (carry) {
          const close = endOfCarriedEvent(carry, piece);
          if (close >= 0) {
            batch.push({ text: carry + piece.slice(0, close), bytes: carryBytes && pieceBytes ? joinBytes(carryBytes, pieceBytes.subarray(0, close)) : undefined });
            from = close;
          }
        }
        if (from || !carry) {
          const cut = Math.max(from, done ? piece.length : lastEventEnd(piece));
          if (cut > from) batch.push({ text: from || cut < piece.length ? piece.slice(from, cut) : piece, bytes: pieceBytes?.subarray(from, cut) });
          // What is left is the start of one event.
          carry = piece.slice(cut);
          carryBytes = pieceBytes ? pieceBytes.subarray(cut) : utf8.clean ? asciiBytes(carry) : undefined;
        } else {
          carry += piece;
          carryBytes = carryBytes && pieceBytes ? joinBytes(carryBytes, pieceBytes) : undefined;
        }
      }
      if (done && carry) batch.push({ text: carry, bytes: carryBytes });
      if (batch.length) yield batch;
    }
  } finally {
    // Releasing a finished reader only builds an error nobody reads.
    if (!done) reader.releaseLock();
  }
}

