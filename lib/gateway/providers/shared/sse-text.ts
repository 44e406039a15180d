import { Utf8Decoder } from './utf8';

/** Where the last whole event of `text` ends (0 when none does). */
function lastEventEnd(text: string): number {
  const at = text.lastIndexOf('\n\n');
  return at < 0 ? 0 : at + 2;
}

/**
 * The text of server-sent events, one piece per network read, cut after the last whole event
 * it holds (the rest waits for the next read); the body's end yields whatever is left. CR and
 * CRLF line ends are made LF.
 */
export async function* sseEventText(body: ReadableStream<Uint8Array>): AsyncIterable<string> {
  const reader = body.getReader();
  const utf8 = new Utf8Decoder();
  let buffer = '';
  let done = false;
  try {
    while (!done) {
      const read = await reader.read();
      done = read.done;
      buffer += utf8.decode(read.value);
      let held = '';
      if (buffer.includes('\r')) {
        // A CR at the very end may be half of a CRLF split across reads.
        if (!done && buffer.endsWith('\r')) [buffer, held] = [buffer.slice(0, -1), '\r'];
        buffer = buffer.replaceAll('\r\n', '\n').replaceAll('\r', '\n');
      }
      const cut = done ? buffer.length : lastEventEnd(buffer);
      if (cut) yield buffer.slice(0, cut);
      buffer = buffer.slice(cut) + held;
    }
  } finally {
    // Releasing a finished reader only builds an error nobody reads.
    if (!done) reader.releaseLock();
  }
}
