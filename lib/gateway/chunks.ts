import type { ChatCompletionChunk, ChunkDelta, FinishReason, Usage } from './openai-schema';
import type { StreamPart } from './providers/types';
import { annotationOf } from './web-search';

/** Turns stream parts into OpenAI chat.completion.chunk objects (or their SSE text) for one answer. */
export class ChunkBuilder {
  private roleSent = false;
  outputChars = 0;
  private readonly prefix: string;

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
   * from a prebuilt prefix; the rest go through JSON.stringify of the whole chunk.
   */
  sse(part: StreamPart): string | undefined {
    if (part.type === 'text' || part.type === 'reasoning') {
      this.outputChars += part.text.length;
      const role = this.roleSent ? '' : '"role":"assistant",';
      this.roleSent = true;
      const key = part.type === 'text' ? 'content' : 'reasoning';
      return `${this.prefix}${role}"${key}":${JSON.stringify(part.text)}},"finish_reason":null,"logprobs":null}]}\n\n`;
    }
    const chunk = this.fromPart(part);
    return chunk ? `data: ${JSON.stringify(chunk)}\n\n` : undefined;
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
      case 'reasoning-detail':
        return this.chunk({ reasoning_details: [part.detail] });
      case 'citation':
        return this.chunk({ annotations: [annotationOf(part.citation)] });
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
