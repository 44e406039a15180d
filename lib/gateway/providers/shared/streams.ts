import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { StreamPart } from '../types';
import { textReads } from './utf8';
import { nextTask } from '../../next-task';

// DOM and Node typings disagree on TextDecoderStream's writable side; at run time both take bytes.
const decodingStream = () => new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>;

/** Server-sent events of a response body, parsed by eventsource-parser. */
export function sseEvents(body: ReadableStream<Uint8Array>): AsyncIterable<EventSourceMessage> {
  return chunksOf(body.pipeThrough(decodingStream()).pipeThrough(new EventSourceParserStream()));
}

/** A stream's chunks as an async iterable (Chromium's streams are not async-iterable yet). */
export async function* chunksOf<T>(stream: ReadableStream<T>): AsyncIterable<T> {
  const reader = stream.getReader();
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
  let events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  for await (const { text } of textReads(body)) {
    parser.feed(text);
    yield events;
    events = [];
  }
}

/** Newline-delimited JSON (Ollama), in batches: the complete lines of one network read, parsed. */
export async function* jsonLineBatches(body: ReadableStream<Uint8Array>): AsyncIterable<unknown[]> {
  let buffer = '';
  for await (const { text, last } of textReads(body)) {
    buffer += text;
    const lines = buffer.split('\n');
    buffer = last ? '' : (lines.pop() ?? '');
    yield lines.map((line) => line.trim()).filter(Boolean).map(parseJsonLine);
  }
}

/**
 * A batch with its neighbouring text deltas (and reasoning deltas) joined: deltas that arrived in
 * the same network read go on as one, which spares every later step — the gateway's writer, the
 * pages' port messages, the reader's parser — a round per token, and delays none of them.
 */
export function mergeDeltas(parts: StreamPart[]): StreamPart[] {
  let kept = 0;
  for (const part of parts) {
    const last = kept ? parts[kept - 1] : undefined;
    if (last && (part.type === 'text' || part.type === 'reasoning') && last.type === part.type) {
      parts[kept - 1] = { type: part.type, text: last.text + part.text };
    } else parts[kept++] = part;
  }
  parts.length = kept;
  return parts;
}

/** Whether a part is the answer itself, as the client sees it: text, reasoning or a tool call. */
export const isContent = (part: StreamPart) => part.type === 'text' || part.type === 'reasoning' || part.type === 'tool-call';

/**
 * The first token goes on before the rest of its network read is parsed. A fast provider's first
 * read often holds the whole answer with its end and usage, whose parsing (and, in a worker Chrome
 * just started, the building of their schemas) would otherwise come before the first token. Until
 * the first content part, `splits` says whether to send the parts so far now (and wait a task, so
 * the token is on its way before the parsing goes on); after it, never.
 */
export function firstTokenFirst() {
  let waiting = true;
  return {
    splits(out: StreamPart[], more: boolean): boolean {
      if (!waiting || !out.some(isContent)) return false;
      waiting = false;
      return more;
    },
  };
}

/**
 * Stream events to batches of parts, one batch per network read: a read often carries hundreds
 * of tokens, and handing them on together spares a promise per token downstream. The body's
 * end counts as the last read (where `end` may add parts).
 */
export async function* toParts<E>(batches: AsyncIterable<E[]>, handler: PartHandler<E>): AsyncIterable<StreamPart[]> {
  const iterator = batches[Symbol.asyncIterator]();
  const first = firstTokenFirst();
  for (;;) {
    const { done, value } = await iterator.next();
    let out: StreamPart[] = [];
    const events = value ?? [];
    for (let i = 0; i < events.length; i++) {
      if (handler.event(events[i]!, out)) {
        if (out.length) yield mergeDeltas(out);
        await iterator.return?.();
        return;
      }
      if (first.splits(out, i < events.length - 1)) {
        yield mergeDeltas(out);
        out = [];
        await nextTask();
      }
    }
    if (done) handler.end?.(out);
    if (out.length) yield mergeDeltas(out);
    if (done) return;
  }
}

export const sseParts = (body: ReadableStream<Uint8Array>, handler: PartHandler<EventSourceMessage>) => toParts(sseBatches(body), handler);
export const jsonLineParts = (body: ReadableStream<Uint8Array>, handler: PartHandler<unknown>) => toParts(jsonLineBatches(body), handler);
