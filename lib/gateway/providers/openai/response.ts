import * as z from 'zod/mini';
import { citationOf } from '../../web-search';
import { openAiFinishReason } from '../shared/finish';
import type { NormalizedCompletion, TokenUsage } from '../types';
import { ReasoningDetail } from '../../reasoning';

// Built when first used (an answer's usage, or a tool call): not before a cold worker's first token.
export const OpenAiUsage = z.lazy(() =>
  z.looseObject({
    prompt_tokens: z.nullish(z.number()),
    completion_tokens: z.nullish(z.number()),
    prompt_tokens_details: z.nullish(z.looseObject({ cached_tokens: z.nullish(z.number()) })),
    completion_tokens_details: z.nullish(z.looseObject({ reasoning_tokens: z.nullish(z.number()) })),
    /** DeepSeek reports its cache hits here. */
    prompt_cache_hit_tokens: z.nullish(z.number()),
  }),
);

const OpenAiToolCall = z.lazy(() =>
  z.looseObject({
    id: z.string(),
    function: z.looseObject({ name: z.string(), arguments: z.nullish(z.string()) }),
  }),
);

export const OpenAiCompletion = z.lazy(() =>
  z.looseObject({
    model: z.nullish(z.string()),
    choices: z
      .array(
        z.looseObject({
          message: z.looseObject({
            content: z.nullish(z.string()),
            reasoning_content: z.nullish(z.string()),
            reasoning: z.nullish(z.string()),
            reasoning_details: z.nullish(z.array(ReasoningDetail)),
            tool_calls: z.nullish(z.array(OpenAiToolCall)),
            annotations: z.nullish(z.array(z.looseObject({ type: z.string(), url_citation: z.optional(z.looseObject({})) }))),
          }),
          finish_reason: z.nullish(z.string()),
        }),
      )
      .check(z.minLength(1)),
    usage: z.nullish(OpenAiUsage),
  }),
);

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
  const citations = (choice.message.annotations ?? []).flatMap((a) => (a.type === 'url_citation' ? [citationOf(a)].filter((c) => c !== undefined) : []));
  return {
    model: completion.model ?? undefined,
    text: choice.message.content ?? null,
    ...(reasoning ? { reasoning } : {}),
    ...(choice.message.reasoning_details?.length ? { reasoningDetails: choice.message.reasoning_details } : {}),
    toolCalls,
    finishReason: toolCalls.length > 0 && choice.finish_reason !== 'length' ? 'tool_calls' : openAiFinishReason(choice.finish_reason),
    usage: mapOpenAiUsage(completion.usage),
    ...(citations.length ? { citations } : {}),
  };
}
