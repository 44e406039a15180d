import { z } from 'zod';
import { openAiFinishReason } from '../shared/finish';
import type { NormalizedCompletion, TokenUsage } from '../types';

export const OpenAiUsage = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  prompt_tokens_details: z.looseObject({ cached_tokens: z.number().nullish() }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
  /** DeepSeek reports its cache hits here. */
  prompt_cache_hit_tokens: z.number().nullish(),
});

const OpenAiToolCall = z.looseObject({
  id: z.string(),
  function: z.looseObject({ name: z.string(), arguments: z.string().nullish() }),
});

export const OpenAiCompletion = z.looseObject({
  model: z.string().nullish(),
  choices: z
    .array(
      z.looseObject({
        message: z.looseObject({
          content: z.string().nullish(),
          reasoning_content: z.string().nullish(),
          reasoning: z.string().nullish(),
          tool_calls: z.array(OpenAiToolCall).nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: OpenAiUsage.nullish(),
});

export function mapOpenAiUsage(usage: z.infer<typeof OpenAiUsage> | null | undefined): TokenUsage {
  return {
    prompt: usage?.prompt_tokens ?? 0,
    completion: usage?.completion_tokens ?? 0,
    cached: usage?.prompt_tokens_details?.cached_tokens ?? usage?.prompt_cache_hit_tokens ?? 0,
    cacheWrite: 0,
    reasoning: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

export function parseOpenAiResponse(json: unknown): NormalizedCompletion {
  const completion = OpenAiCompletion.parse(json);
  const choice = completion.choices[0]!;
  const toolCalls = (choice.message.tool_calls ?? []).map((call) => ({
    id: call.id,
    type: 'function' as const,
    function: { name: call.function.name, arguments: call.function.arguments ?? '' },
  }));
  const reasoning = choice.message.reasoning_content ?? choice.message.reasoning ?? undefined;
  return {
    model: completion.model ?? undefined,
    text: choice.message.content ?? null,
    ...(reasoning ? { reasoning } : {}),
    toolCalls,
    finishReason: toolCalls.length > 0 && choice.finish_reason !== 'length' ? 'tool_calls' : openAiFinishReason(choice.finish_reason),
    usage: mapOpenAiUsage(completion.usage),
  };
}
