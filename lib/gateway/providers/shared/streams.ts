import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { SsePiece, StreamPart } from '../types';

// DOM and Node typings disagree on TextDecoderStream's writable side; at run time both take bytes.
const utf8 = () => new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>;

/** Server-sent events of a response body, parsed by eventsource-parser. */
export async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncIterable<EventSourceMessage> {
  const reader = body.pipeThrough(utf8()).pipeThrough(new EventSourceParserStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export class MalformedStreamError extends Error {
  constructor(detail: string) {
    super(`The provider sent a malformed stream: ${detail}`);
    this.name = 'MalformedStreamError';
  }
}

function parseJsonLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new MalformedStreamError(`not JSON: ${line.slice(0, 120)}`);
  }
}

export function parseEventJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new MalformedStreamError(`not JSON: ${data.slice(0, 120)}`);
  }
}

/**
 * Turns stream events into parts. `event` pushes the parts of one event and returns true when
 * the stream is over; `end` may add parts when the body ends.
 */
export interface PartHandler<E> {
  event(event: E, out: StreamPart[]): boolean;
  end?(out: StreamPart[]): void;
}

/** Server-sent events, in batches: all the events of one network read. */
export async function* sseBatches(body: ReadableStream<Uint8Array>): AsyncIterable<EventSourceMessage[]> {
  const reader = body.pipeThrough(utf8()).getReader();
  let events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (value) parser.feed(value);
      yield events;
      events = [];
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}


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

/** Whether a read ends inside a multi-byte character, which the decoder then holds back. */
const endsMidCharacter = (bytes: Uint8Array) => bytes.subarray(-3).some((byte) => byte >= 0x80);

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
  const decoder = new TextDecoder();
  let carry = '';
  let carryBytes: Uint8Array | undefined = EMPTY;
  let decoderClean = true;
  let sawCr = false;
  let done = false;
  try {
    while (!done) {
      const read = await reader.read();
      done = read.done;
      const value = read.done ? undefined : read.value;
      const piece = value ? decoder.decode(value, { stream: true }) : decoder.decode();
      const pieceBytes = value ? (decoderClean && piece.length === value.length ? value : undefined) : piece ? undefined : EMPTY;
      if (value) decoderClean = !endsMidCharacter(value);
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
          carryBytes = pieceBytes ? pieceBytes.subarray(cut) : decoderClean ? asciiBytes(carry) : undefined;
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

/** Newline-delimited JSON (Ollama), in batches: the complete lines of one network read, parsed. */
export async function* jsonLineBatches(body: ReadableStream<Uint8Array>): AsyncIterable<unknown[]> {
  const reader = body.pipeThrough(utf8()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (value) buffer += value;
      const lines = buffer.split('\n');
      buffer = done ? '' : (lines.pop() ?? '');
      yield lines.map((line) => line.trim()).filter(Boolean).map(parseJsonLine);
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Stream events to batches of parts, one batch per network read: a read often carries hundreds
 * of tokens, and handing them on together spares a promise per token downstream. The body's
 * end counts as the last read (where `end` may add parts).
 */
export async function* toParts<E>(batches: AsyncIterable<E[]>, handler: PartHandler<E>): AsyncIterable<StreamPart[]> {
  const iterator = batches[Symbol.asyncIterator]();
  for (;;) {
    const { done, value } = await iterator.next();
    const out: StreamPart[] = [];
    for (const event of value ?? []) {
      if (handler.event(event, out)) {
        if (out.length) yield out;
        await iterator.return?.();
        return;
      }
    }
    if (done) handler.end?.(out);
    if (out.length) yield out;
    if (done) return;
  }
}

export const sseParts = (body: ReadableStream<Uint8Array>, handler: PartHandler<EventSourceMessage>) => toParts(sseBatches(body), handler);
export const jsonLineParts = (body: ReadableStream<Uint8Array>, handler: PartHandler<unknown>) => toParts(jsonLineBatches(body), handler);
