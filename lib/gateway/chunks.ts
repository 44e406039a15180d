import type { ChatCompletionChunk, ChunkDelta, FinishReason, Usage } from './openai-schema';
import type { SsePiece, StreamPart } from './providers/types';

const encoder = new TextEncoder();

/** Turns stream parts into OpenAI chat.completion.chunk objects (or their SSE text) for one answer. */
export class ChunkBuilder {
  private roleSent = false;
  outputChars = 0;
  private readonly prefix: string;
  private prefixBytes?: Uint8Array;

  constructor(
    private readonly id: string,
    private readonly created: number,
    private readonly model: string,
    private readonly provider: string,
  ) {
    this.prefix = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"provider":${JSON.stringify(provider)},"choices":[{"index":0,"delta":{`;
  }

  /**
   * The SSE event for a part. Text and reasoning, nearly every event of a stream, are written
   * from a prebuilt prefix, and runs of plain text events as the provider wrote them under this
   * answer's prefix; the rest go through JSON.stringify of the whole chunk.
   */
  sse(part: StreamPart): string | Uint8Array | undefined {
    if (part.type === 'text' || part.type === 'reasoning') {
      this.outputChars += part.text.length;
      const role = this.roleSent ? '' : '"role":"assistant",';
      this.roleSent = true;
      const key = part.type === 'text' ? 'content' : 'reasoning';
      return `${this.prefix}${role}"${key}":${JSON.stringify(part.text)}},"finish_reason":null,"logprobs":null}]}\n\n`;
    }
    if (part.type === 'text-run') {
      this.outputChars += part.chars;
      if (this.roleSent && part.pieces.every((piece) => piece.bytes)) return this.rewrap(part.pieces as Required<SsePiece>[], part.envelope.length);
      const events = part.pieces.map((piece) => piece.text).join('').replaceAll(part.envelope, this.prefix);
      if (this.roleSent) return events;
      this.roleSent = true;
      return `${this.prefix}"role":"assistant",${events.slice(this.prefix.length)}`;
    }
    const chunk = this.fromPart(part);
    return chunk ? `data: ${JSON.stringify(chunk)}\n\n` : undefined;
  }

  /** A run's events, byte for byte, with each one's first `envelopeLength` bytes replaced by this answer's prefix. */
  private rewrap(pieces: Required<SsePiece>[], envelopeLength: number): Uint8Array {
    const prefix = (this.prefixBytes ??= encoder.encode(this.prefix));
    const grow = prefix.length - envelopeLength;
    let events = 0;
    let inputSize = 0;
    for (const { text, bytes } of pieces) {
      inputSize += bytes.length;
      for (let at = text.indexOf('\n\n'); at >= 0; at = text.indexOf('\n\n', at + 2)) events++;
    }
    // The input is copied in once, at the end of the buffer when events grow, and each event
    // is then moved into place in the buffer itself: no copy or view is made per event.
    const size = inputSize + events * grow;
    const out = new Uint8Array(Math.max(size, inputSize));
    let source = grow > 0 ? size - inputSize : 0;
    for (const { bytes } of pieces) {
      out.set(bytes, source);
      source += bytes.length;
    }
    source = grow > 0 ? size - inputSize : 0;
    let written = 0;
    for (const { text } of pieces) {
      for (let start = 0; start < text.length; ) {
        const end = text.indexOf('\n\n', start) + 2;
        out.set(prefix, written);
        written += prefix.length;
        out.copyWithin(written, source + start + envelopeLength, source + end);
        written += end - start - envelopeLength;
        start = end;
      }
      source += text.length;
    }
    return size === out.length ? out : out.subarray(0, size);
  }

  private chunk(delta: ChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk {
    if (!this.roleSent) {
      this.roleSent = true;
      delta = { role: 'assistant', ...delta };
    }
    return this.envelope([{ index: 0, delta, finish_reason: finishReason, logprobs: null }]);
  }

  private envelope(choices: ChatCompletionChunk['choices'], usage?: Usage): ChatCompletionChunk {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      provider: this.provider,
      choices,
      ...(usage ? { usage } : {}),
    };
  }

  /** The chunk for a content part, or undefined for parts that carry no delta. */
  fromPart(part: StreamPart): ChatCompletionChunk | undefined {
    switch (part.type) {
      case 'text':
        this.outputChars += part.text.length;
        return this.chunk({ content: part.text });
      case 'reasoning':
        this.outputChars += part.text.length;
        return this.chunk({ reasoning: part.text });
      case 'tool-call':
        this.outputChars += (part.name?.length ?? 0) + (part.arguments?.length ?? 0);
        return this.chunk({
          tool_calls: [
            {
              index: part.index,
              ...(part.id ? { id: part.id, type: 'function' as const } : {}),
              function: {
                ...(part.name !== undefined ? { name: part.name } : {}),
                ...(part.arguments !== undefined ? { arguments: part.arguments } : {}),
              },
            },
          ],
        });
      default:
        return undefined;
    }
  }

  finish(reason: FinishReason): ChatCompletionChunk {
    return this.chunk({}, reason);
  }

  usage(usage: Usage): ChatCompletionChunk {
    return this.envelope([], usage);
  }
}
