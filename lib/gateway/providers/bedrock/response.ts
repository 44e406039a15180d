import * as z from 'zod/mini';
import type { FinishReason, ToolCall } from '../../openai-schema';
import { REASONING_FORMATS, type ReasoningDetail } from '../../reasoning';
import type { NormalizedCompletion, ProviderErrorDetails, TokenUsage } from '../types';

/** https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html */
export const BedrockUsage = z.looseObject({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadInputTokens: z.nullish(z.number()),
  cacheWriteInputTokens: z.nullish(z.number()),
});

const ContentBlock = z.looseObject({
  text: z.nullish(z.string()),
  toolUse: z.nullish(z.looseObject({ toolUseId: z.string(), name: z.string(), input: z.unknown() })),
  reasoningContent: z.nullish(z.looseObject({ reasoningText: z.nullish(z.looseObject({ text: z.string(), signature: z.nullish(z.string()) })), redactedContent: z.nullish(z.string()) })),
});

/** https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax (fixture: test/fixtures/bedrock/converse-tool-use.json) */
const ConverseResponse = z.looseObject({
  output: z.looseObject({ message: z.looseObject({ content: z.array(ContentBlock) }) }),
  stopReason: z.string(),
  usage: z.nullish(BedrockUsage),
});

const STOP_REASONS: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  tool_use: 'tool_calls',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  guardrail_intervened: 'content_filter',
  content_filtered: 'content_filter',
};

export const bedrockFinishReason = (reason: string | null | undefined): FinishReason => (reason && STOP_REASONS[reason]) || 'stop';

/** Bedrock's inputTokens leave out cache reads and writes; OpenAI's prompt_tokens count them. */
export function mapBedrockUsage(usage: z.infer<typeof BedrockUsage> | null | undefined): TokenUsage {
  const cached = usage?.cacheReadInputTokens ?? 0;
  const cacheWrite = usage?.cacheWriteInputTokens ?? 0;
  return { prompt: (usage?.inputTokens ?? 0) + cached + cacheWrite, completion: usage?.outputTokens ?? 0, cached, cacheWrite, reasoning: 0 };
}

export function parseBedrockResponse(json: unknown): NormalizedCompletion {
  const response = ConverseResponse.parse(json);
  let text = '';
  const reasoning: string[] = [];
  const details: ReasoningDetail[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of response.output.message.content) {
    if (block.text) text += block.text;
    if (block.toolUse) toolCalls.push({ id: block.toolUse.toolUseId, type: 'function', function: { name: block.toolUse.name, arguments: JSON.stringify(block.toolUse.input ?? {}) } });
    const thought = block.reasoningContent?.reasoningText;
    if (thought) {
      reasoning.push(thought.text);
      details.push({ type: 'reasoning.text', text: thought.text, ...(thought.signature ? { signature: thought.signature } : {}), format: REASONING_FORMATS.anthropic, index: details.length });
    }
  }
  return {
    text: text || null,
    ...(reasoning.length ? { reasoning: reasoning.join('\n\n') } : {}),
    ...(details.length ? { reasoningDetails: details } : {}),
    toolCalls,
    finishReason: bedrockFinishReason(response.stopReason),
    usage: mapBedrockUsage(response.usage),
  };
}

/**
 * Bedrock's error bodies: {"message": "…"}, the exception named in the x-amzn-errortype header
 * (not seen here) or, for some, in the body's __type. A throttled account is a 429, a refused
 * signature or unknown key a 403.
 */
export function parseBedrockError(status: number, text: string): ProviderErrorDetails {
  let body: { message?: unknown; Message?: unknown; __type?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { message: text.trim().slice(0, 500) || `HTTP ${status} with an empty body` };
  }
  const message = typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : text.slice(0, 500);
  const type = typeof body.__type === 'string' ? body.__type.split('#').pop() : undefined;
  if (status === 403 && /signature|security token|credentials/i.test(message)) return { message: `AWS refused the credentials: ${message}`, code: 'invalid_api_key', status: 401 };
  return { message, ...(type ? { code: type } : {}) };
}
