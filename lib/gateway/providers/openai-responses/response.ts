import * as z from 'zod/mini';
import type { FinishReason, ToolCall } from '../../openai-schema';
import { REASONING_FORMATS, type ReasoningDetail } from '../../reasoning';
import type { Citation, NormalizedCompletion, TokenUsage } from '../types';

/** https://platform.openai.com/docs/api-reference/responses/object (fixtures: test/fixtures/openai-responses/). */
export const ResponsesUsage = z.looseObject({
  input_tokens: z.number(),
  input_tokens_details: z.nullish(z.looseObject({ cached_tokens: z.nullish(z.number()) })),
  output_tokens: z.number(),
  output_tokens_details: z.nullish(z.looseObject({ reasoning_tokens: z.nullish(z.number()) })),
});

export const OutputItem = z.looseObject({
  type: z.string(),
  id: z.nullish(z.string()),
  content: z.nullish(
    z.array(
      z.looseObject({
        type: z.string(),
        text: z.nullish(z.string()),
        refusal: z.nullish(z.string()),
        annotations: z.nullish(z.array(z.looseObject({ type: z.string(), url: z.nullish(z.string()), title: z.nullish(z.string()), start_index: z.nullish(z.number()), end_index: z.nullish(z.number()) }))),
      }),
    ),
  ),
  action: z.nullish(z.looseObject({ query: z.nullish(z.string()) })),
  call_id: z.nullish(z.string()),
  name: z.nullish(z.string()),
  arguments: z.nullish(z.string()),
  summary: z.nullish(z.array(z.looseObject({ text: z.string() }))),
  encrypted_content: z.nullish(z.string()),
});
export type OutputItem = z.infer<typeof OutputItem>;

const ResponseObject = z.looseObject({
  model: z.nullish(z.string()),
  status: z.nullish(z.string()),
  incomplete_details: z.nullish(z.looseObject({ reason: z.nullish(z.string()) })),
  output: z.array(OutputItem),
  usage: z.nullish(ResponsesUsage),
});

export function mapResponsesUsage(usage: z.infer<typeof ResponsesUsage> | null | undefined): TokenUsage {
  return {
    prompt: usage?.input_tokens ?? 0,
    completion: usage?.output_tokens ?? 0,
    cached: usage?.input_tokens_details?.cached_tokens ?? 0,
    cacheWrite: 0,
    reasoning: usage?.output_tokens_details?.reasoning_tokens ?? 0,
  };
}

/** Why the answer ended: an incomplete one ran out of tokens or was filtered; one with calls waits for their results. */
export function responsesFinish(status: string | null | undefined, reason: string | null | undefined, calledTools: boolean): FinishReason {
  if (status === 'incomplete') return reason === 'content_filter' ? 'content_filter' : 'length';
  return calledTools ? 'tool_calls' : 'stop';
}

/** A reasoning item's encrypted content, as the detail a later turn must send back. */
export function encryptedDetail(item: OutputItem, index: number): ReasoningDetail | undefined {
  if (!item.encrypted_content) return undefined;
  return { type: 'reasoning.encrypted', data: item.encrypted_content, ...(item.id ? { id: item.id } : {}), format: REASONING_FORMATS.openaiResponses, index };
}

type Annotation = NonNullable<NonNullable<NonNullable<OutputItem['content']>[number]['annotations']>>[number];

/** A url_citation of an output_text part, as a citation of the whole answer (the part starts at `offset`). */
export function citationAt(annotation: Annotation, offset: number): Citation | undefined {
  if (annotation.type !== 'url_citation' || !annotation.url) return undefined;
  return { url: annotation.url, title: annotation.title ?? annotation.url, start: offset + (annotation.start_index ?? 0), end: offset + (annotation.end_index ?? 0) };
}

export function parseResponsesResponse(json: unknown): NormalizedCompletion {
  const response = ResponseObject.parse(json);
  let text = '';
  const reasoning: string[] = [];
  const details: ReasoningDetail[] = [];
  const toolCalls: ToolCall[] = [];
  const citations: Citation[] = [];
  const queries: string[] = [];
  for (const item of response.output) {
    if (item.type === 'message') {
      for (const part of item.content ?? []) {
        for (const annotation of part.annotations ?? []) {
          const citation = citationAt(annotation, text.length);
          if (citation) citations.push(citation);
        }
        text += part.text ?? part.refusal ?? '';
      }
    } else if (item.type === 'web_search_call') queries.push(item.action?.query ?? '');
    else if (item.type === 'function_call' && item.call_id && item.name) toolCalls.push({ id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments ?? '' } });
    else if (item.type === 'reasoning') {
      reasoning.push(...(item.summary ?? []).map((s) => s.text));
      const detail = encryptedDetail(item, details.length);
      if (detail) details.push(detail);
    }
  }
  return {
    ...(response.model ? { model: response.model } : {}),
    text: text || null,
    ...(reasoning.length ? { reasoning: reasoning.join('\n\n') } : {}),
    ...(details.length ? { reasoningDetails: details } : {}),
    toolCalls,
    finishReason: responsesFinish(response.status, response.incomplete_details?.reason, toolCalls.length > 0),
    usage: { ...mapResponsesUsage(response.usage), ...(queries.length ? { searches: queries.length } : {}) },
    ...(citations.length ? { citations } : {}),
    ...(queries.some(Boolean) ? { searchQueries: queries.filter(Boolean) } : {}),
  };
}
