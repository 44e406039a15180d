import * as z from 'zod/mini';
import type { EventSourceMessage } from 'eventsource-parser';
import { parseEventJson, sseParts, type PartHandler } from '../shared/streams';
import { citationAt, encryptedDetail, mapResponsesUsage, OutputItem, responsesFinish, ResponsesUsage } from './response';

/** The events that matter, of https://platform.openai.com/docs/api-reference/responses-streaming. */
const ResponsesEvent = z.looseObject({
  type: z.string(),
  output_index: z.nullish(z.number()),
  delta: z.nullish(z.string()),
  item: z.nullish(OutputItem),
  response: z.nullish(
    z.looseObject({
      model: z.nullish(z.string()),
      status: z.nullish(z.string()),
      incomplete_details: z.nullish(z.looseObject({ reason: z.nullish(z.string()) })),
      usage: z.nullish(ResponsesUsage),
      error: z.nullish(z.looseObject({ code: z.nullish(z.string()), message: z.nullish(z.string()) })),
    }),
  ),
  code: z.nullish(z.string()),
  message: z.nullish(z.string()),
  annotation: z.nullish(z.looseObject({ type: z.string(), url: z.nullish(z.string()), title: z.nullish(z.string()), start_index: z.nullish(z.number()), end_index: z.nullish(z.number()) })),
});

/** Parts of a Responses stream: text, reasoning summaries, function calls by output index, encrypted reasoning, usage. */
export function responsesParts(): PartHandler<EventSourceMessage> {
  const callIndex = new Map<number, number>();
  let details = 0;
  // The answer's text so far, and where the message part being written began in it.
  let offset = 0;
  let partStart = 0;
  let searches = 0;
  return {
    event(message, out) {
      const event = ResponsesEvent.parse(parseEventJson(message.data));
      switch (event.type) {
        case 'response.created':
          if (event.response?.model) out.push({ type: 'model', model: event.response.model });
          return false;
        case 'response.content_part.added':
          partStart = offset;
          return false;
        case 'response.output_text.delta':
          if (event.delta) {
            offset += event.delta.length;
            out.push({ type: 'text', text: event.delta });
          }
          return false;
        case 'response.output_text.annotation.added': {
          const citation = event.annotation ? citationAt(event.annotation, partStart) : undefined;
          if (citation) out.push({ type: 'citation', citation });
          return false;
        }
        case 'response.reasoning_summary_text.delta':
        case 'response.reasoning_text.delta':
          if (event.delta) out.push({ type: 'reasoning', text: event.delta });
          return false;
        case 'response.output_item.added':
          if (event.item?.type === 'function_call' && event.output_index != null) {
            const index = callIndex.size;
            callIndex.set(event.output_index, index);
            out.push({ type: 'tool-call', index, ...(event.item.call_id ? { id: event.item.call_id } : {}), ...(event.item.name ? { name: event.item.name } : {}), arguments: event.item.arguments ?? '' });
          }
          return false;
        case 'response.function_call_arguments.delta': {
          const index = event.output_index != null ? callIndex.get(event.output_index) : undefined;
          if (index !== undefined && event.delta) out.push({ type: 'tool-call', index, arguments: event.delta });
          return false;
        }
        case 'response.output_item.done': {
          if (event.item?.type === 'web_search_call') {
            searches++;
            if (event.item.action?.query) out.push({ type: 'search', query: event.item.action.query });
          }
          const detail = event.item?.type === 'reasoning' ? encryptedDetail(event.item, details) : undefined;
          if (detail) {
            details++;
            out.push({ type: 'reasoning-detail', detail });
          }
          return false;
        }
        case 'response.completed':
        case 'response.incomplete':
          out.push({ type: 'usage', usage: { ...mapResponsesUsage(event.response?.usage), ...(searches ? { searches } : {}) } });
          out.push({ type: 'finish', reason: responsesFinish(event.response?.status, event.response?.incomplete_details?.reason, callIndex.size > 0) });
          return true;
        case 'response.failed': {
          const error = event.response?.error;
          out.push({ type: 'error', message: error?.message ?? 'The response failed.', ...(error?.code ? { code: error.code } : {}) });
          return true;
        }
        case 'error':
          out.push({ type: 'error', message: event.message ?? 'The stream failed.', ...(event.code ? { code: event.code } : {}) });
          return true;
        default:
          return false;
      }
    },
  };
}

export const parseResponsesStream = (body: ReadableStream<Uint8Array>) => sseParts(body, responsesParts());
