import { z } from 'zod';
import { openAiFinishReason } from '../shared/finish';
import { parseEventJson, sseEvents } from '../shared/streams';
import type { StreamPart } from '../types';
import { mapOpenAiUsage, OpenAiUsage } from './response';

const OpenAiChunk = z.looseObject({
  model: z.string().nullish(),
  error: z.unknown().optional(),
  choices: z
    .array(
      z.looseObject({
        delta: z
          .looseObject({
            content: z.string().nullish(),
            reasoning_content: z.string().nullish(),
            reasoning: z.string().nullish(),
            tool_calls: z
              .array(
                z.looseObject({
                  index: z.number().int().nonnegative().optional(),
                  id: z.string().nullish(),
                  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
                }),
              )
              .nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: OpenAiUsage.nullish(),
});

function streamError(error: unknown): StreamPart {
  if (error && typeof error === 'object') {
    const e = error as { message?: unknown; code?: unknown; type?: unknown };
    return {
      type: 'error',
      message: typeof e.message === 'string' ? e.message : JSON.stringify(error),
      code: typeof e.code === 'string' ? e.code : typeof e.type === 'string' ? e.type : undefined,
      status: typeof e.code === 'number' ? e.code : undefined,
    };
  }
  return { type: 'error', message: String(error) };
}

export async function* parseOpenAiStream(body: ReadableStream<Uint8Array>): AsyncIterable<StreamPart> {
  let modelSent = false;
  let sawToolCall = false;
  let finished = false;
  for await (const event of sseEvents(body)) {
    if (event.data === '[DONE]') {
      if (!finished) yield { type: 'finish', reason: sawToolCall ? 'tool_calls' : 'stop' };
      return;
    }
    if (event.event === 'error') {
      yield streamError(parseEventJson(event.data));
      return;
    }
    const chunk = OpenAiChunk.parse(parseEventJson(event.data));
    if (chunk.error) {
      yield streamError(chunk.error);
      return;
    }
    if (!modelSent && chunk.model) {
      modelSent = true;
      yield { type: 'model', model: chunk.model };
    }
    for (const choice of chunk.choices ?? []) {
      const delta = choice.delta;
      const reasoning = delta?.reasoning_content ?? delta?.reasoning;
      if (reasoning) yield { type: 'reasoning', text: reasoning };
      if (delta?.content) yield { type: 'text', text: delta.content };
      for (const [position, call] of (delta?.tool_calls ?? []).entries()) {
        sawToolCall = true;
        yield {
          type: 'tool-call',
          index: call.index ?? position,
          id: call.id ?? undefined,
          name: call.function?.name ?? undefined,
          arguments: call.function?.arguments ?? undefined,
        };
      }
      if (choice.finish_reason) {
        finished = true;
        const reason = openAiFinishReason(choice.finish_reason);
        yield { type: 'finish', reason: sawToolCall && reason === 'stop' ? 'tool_calls' : reason };
      }
    }
    if (chunk.usage) yield { type: 'usage', usage: mapOpenAiUsage(chunk.usage) };
  }
}
