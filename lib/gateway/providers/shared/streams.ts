import { EventSourceParserStream, type EventSourceMessage } from 'eventsource-parser/stream';

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

/** One parsed JSON value per line of a newline-delimited JSON body (Ollama's stream). */
export async function* jsonLines(body: ReadableStream<Uint8Array>): AsyncIterable<unknown> {
  const reader = body.pipeThrough(utf8()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (value) buffer += value;
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) yield parseJsonLine(line);
        newline = buffer.indexOf('\n');
      }
      if (done) break;
    }
    const rest = buffer.trim();
    if (rest) yield parseJsonLine(rest);
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
