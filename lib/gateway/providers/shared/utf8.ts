/** Whether a read ends inside a multi-byte character (the decoder must then hold its last bytes back). */
const endsMidCharacter = (bytes: Uint8Array) => bytes.subarray(-3).some((byte) => byte >= 0x80);

/**
 * UTF-8 text of a body read by read. A read that splits no character is decoded whole, which
 * is several times faster than the streaming decode; only reads around a split character take
 * the streaming path. A byte-order mark at the very start is dropped, as TextDecoderStream does.
 */
export class Utf8Decoder {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private pending = false;
  private started = false;

  /** The text of one read, or what is left at the end of the body when `bytes` is undefined. */
  decode(bytes?: Uint8Array): string {
    let text: string;
    if (!bytes) text = this.pending ? this.decoder.decode() : '';
    else {
      const split = endsMidCharacter(bytes);
      text = this.pending || split ? this.decoder.decode(bytes, { stream: true }) : this.decoder.decode(bytes);
      this.pending = split;
    }
    if (!this.started && text) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  }
}

/**
 * The text of a body, one piece per network read; `last` marks the piece the body ended with
 * (often empty). Stopping early releases the body.
 */
export async function* textReads(body: ReadableStream<Uint8Array>): AsyncIterable<{ text: string; last: boolean }> {
  const reader = body.getReader();
  const utf8 = new Utf8Decoder();
  let done = false;
  try {
    while (!done) {
      const read = await reader.read();
      done = read.done;
      yield { text: utf8.decode(read.value), last: done };
    }
  } finally {
    // Releasing a finished reader only builds an error nobody reads.
    if (!done) reader.releaseLock();
  }
}
