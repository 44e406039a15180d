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
