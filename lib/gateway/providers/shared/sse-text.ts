import { textReads } from './utf8';

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
  let buffer = '';
  for await (const { text, last } of textReads(body)) {
    buffer += text;
    let held = '';
    if (buffer.includes('\r')) {
      // A CR at the very end may be half of a CRLF split across reads.
      if (!last && buffer.endsWith('\r')) [buffer, held] = [buffer.slice(0, -1), '\r'];
      buffer = buffer.replaceAll('\r\n', '\n').replaceAll('\r', '\n');
    }
    const cut = last ? buffer.length : lastEventEnd(buffer);
    if (cut) yield buffer.slice(0, cut);
    buffer = buffer.slice(cut) + held;
  }
}
