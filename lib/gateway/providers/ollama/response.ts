import * as z from 'zod/mini';
import type { FinishReason, ToolCall } from '../../openai-schema';
import type { NormalizedCompletion, TokenUsage } from '../types';

export const OllamaMessage = z.looseObject({
  model: z.nullish(z.string()),
  message: z.nullish(
    z.looseObject({
      content: z.nullish(z.string()),
      thinking: z.nullish(z.string()),
      tool_calls: z.nullish(z.array(z.looseObject({ function: z.looseObject({ name: z.string(), arguments: z.optional(z.unknown()) }) }))),
    }),
  ),
  done: z.nullish(z.boolean()),
  done_reason: z.nullish(z.string()),
  prompt_eval_count: z.nullish(z.number()),
  eval_count: z.nullish(z.number()),
  error: z.optional(z.string()),
});
export type OllamaMessage = z.infer<typeof OllamaMessage>;

export function ollamaFinishReason(reason: string | null | undefined, hasToolCalls: boolean): FinishReason {
  if (reason === 'length') return 'length';
  return hasToolCalls ? 'tool_calls' : 'stop';
}

export function mapOllamaUsage(message: OllamaMessage): TokenUsage {
  return { prompt: message.prompt_eval_count ?? 0, completion: message.eval_count ?? 0, cached: 0, cacheWrite: 0, reasoning: 0 };
}

let callCounter = 0;
export function ollamaToolCalls(message: OllamaMessage): ToolCall[] {
  return (message.message?.tool_calls ?? []).map((call) => ({
    id: `call_${Date.now().toString(36)}${(callCounter++).toString(36)}`,
    type: 'function' as const,
    function: {
      name: call.function.name,
      arguments: typeof call.function.arguments === 'string' ? call.function.arguments : JSON.stringify(call.function.arguments ?? {}),
    },
  }));
}

export function parseOllamaResponse(json: unknown): NormalizedCompletion {
  const message = OllamaMessage.parse(json);
  const toolCalls = ollamaToolCalls(message);
  const reasoning = message.message?.thinking ?? undefined;
  return {
    model: message.model ?? undefined,
    text: message.message?.content || (toolCalls.length > 0 ? null : ''),
    ...(reasoning ? { reasoning } : {}),
    toolCalls,
    finishReason: ollamaFinishReason(message.done_reason, toolCalls.length > 0),
    usage: mapOllamaUsage(message),
  };
}
