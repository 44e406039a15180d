import * as z from 'zod/mini';
import type { EventSourceMessage } from 'eventsource-parser';
import { parseEventJson, sseParts, type PartHandler } from '../shared/streams';
import type { StreamPart, TokenUsage } from '../types';
import { JSON_TOOL } from './request';
import { AnthropicCitation, anthropicFinishReason, AnthropicUsage, blockCitations, mapAnthropicUsage, redactedDetail, thinkingDetail } from './response';

const AnthropicEvent = z.looseObject({
  type: z.string(),
  index: z.optional(z.number()),
  message: z.optional(z.looseObject({ model: z.nullish(z.string()), usage: z.nullish(AnthropicUsage) })),
  content_block: z.optional(
    z.looseObject({ type: z.string(), id: z.optional(z.string()), name: z.optional(z.string()), text: z.optional(z.string()), data: z.optional(z.string()), citations: z.nullish(z.array(AnthropicCitation)) }),
  ),
  delta: z.optional(
    z.looseObject({
      type: z.optional(z.string()),
      text: z.optional(z.string()),
      thinking: z.optional(z.string()),
      signature: z.optional(z.string()),
      partial_json: z.optional(z.string()),
      stop_reason: z.nullish(z.string()),
      citation: z.optional(AnthropicCitation),
    }),
  ),
  usage: z.nullish(AnthropicUsage),
  error: z.optional(z.looseObject({ type: z.optional(z.string()), message: z.optional(z.string()) })),
});

const TEXT_DELTA = /^\{"type":"content_block_delta","index":\d+,"delta":\{"type":"text_delta","text":"/;

/** The text of a text delta read straight from the event's text; any other shape returns undefined. */
export function textDeltaWithoutParsing(data: string): string | undefined {
  const head = TEXT_DELTA.exec(data);
  if (!head || !data.endsWith('"}}')) return undefined;
  const literal = data.slice(head[0].length - 1, -2);
  // The literal must be one JSON string: no unescaped quote inside.
  let escaped = false;
  for (let i = 1; i < literal.length - 1; i++) {
    const c = literal.charCodeAt(i);
    if (c === 92) {
      escaped = true;
      i++;
    } else if (c === 34) return undefined;
  }
  return escaped ? (JSON.parse(literal) as string) : literal.slice(1, -1);
}

/** Maps message_start / content_block_* / message_delta / message_stop / error events to stream parts. */
export function anthropicParts(): PartHandler<EventSourceMessage> {
  let usage: TokenUsage | undefined;
  const toolIndexByBlock = new Map<number, number>();
  let jsonBlock: number | undefined;
  let finished = false;
  // Thinking blocks being written (by block index), sent as one signed entry when each ends.
  const thinking = new Map<number, { text: string; signature?: string }>();
  let details = 0;
  // Where each text block began in the answer, and what it cites (web search results), by block index.
  let offset = 0;
  const cited = new Map<number, { start: number; citations: z.infer<typeof AnthropicCitation>[] }>();
  // A web search's query, written as its input's JSON, by block index.
  const searches = new Map<number, string>();
  const pushText = (out: StreamPart[], text: string) => {
    offset += text.length;
    out.push({ type: 'text', text });
  };
  return {
    event(sse, out) {
      if (sse.event === 'ping') return false;
      const text = textDeltaWithoutParsing(sse.data);
      if (text !== undefined) {
        if (text) pushText(out, text);
        return false;
      }
      const json = parseEventJson(sse.data);
      // The commonest event, a text delta, checked by hand; every other event goes through zod.
      const quick = json as { type?: unknown; delta?: { type?: unknown; text?: unknown } };
      if (quick?.type === 'content_block_delta' && quick.delta?.type === 'text_delta' && typeof quick.delta.text === 'string') {
        if (quick.delta.text) pushText(out, quick.delta.text);
        return false;
      }
      const event = AnthropicEvent.parse(json);
      switch (event.type) {
        case 'message_start':
          if (event.message?.model) out.push({ type: 'model', model: event.message.model });
          usage = mapAnthropicUsage(event.message?.usage);
          return false;
        case 'content_block_start': {
          const block = event.content_block;
          const index = event.index ?? 0;
          if (block?.type === 'tool_use' && block.name === JSON_TOOL) {
            jsonBlock = index;
          } else if (block?.type === 'tool_use') {
            const toolIndex = toolIndexByBlock.size;
            toolIndexByBlock.set(index, toolIndex);
            out.push({ type: 'tool-call', index: toolIndex, id: block.id, name: block.name, arguments: '' });
          } else if (block?.type === 'text') {
            cited.set(index, { start: offset, citations: [...(block.citations ?? [])] });
            if (block.text) pushText(out, block.text);
          } else if (block?.type === 'server_tool_use' && block.name === 'web_search') {
            searches.set(index, '');
          } else if (block?.type === 'thinking') {
            thinking.set(index, { text: '' });
          } else if (block?.type === 'redacted_thinking' && block.data) {
            out.push({ type: 'reasoning-detail', detail: redactedDetail(block.data, details++) });
          }
          return false;
        }
        case 'content_block_stop': {
          const text = cited.get(event.index ?? 0);
          if (text) {
            cited.delete(event.index ?? 0);
            for (const citation of blockCitations(text.citations, text.start, offset)) out.push({ type: 'citation', citation });
          }
          const search = searches.get(event.index ?? 0);
          if (search !== undefined) {
            searches.delete(event.index ?? 0);
            const query = (parseEventJson(search || '{}') as { query?: unknown } | undefined)?.query;
            if (typeof query === 'string') out.push({ type: 'search', query });
          }
          const block = thinking.get(event.index ?? 0);
          if (block) {
            thinking.delete(event.index ?? 0);
            out.push({ type: 'reasoning-detail', detail: thinkingDetail(block.text, block.signature, details++) });
          }
          return false;
        }
        case 'content_block_delta': {
          const delta = event.delta;
          const index = event.index ?? 0;
          if (delta?.type === 'text_delta' && delta.text) pushText(out, delta.text);
          else if (delta?.type === 'citations_delta' && delta.citation) cited.get(index)?.citations.push(delta.citation);
          else if (delta?.type === 'thinking_delta' && delta.thinking) {
            out.push({ type: 'reasoning', text: delta.thinking });
            const block = thinking.get(index);
            if (block) block.text += delta.thinking;
          } else if (delta?.type === 'signature_delta' && delta.signature) {
            const block = thinking.get(index);
            if (block) block.signature = (block.signature ?? '') + delta.signature;
          }
          else if (delta?.type === 'input_json_delta' && delta.partial_json) {
            if (searches.has(index)) searches.set(index, searches.get(index)! + delta.partial_json);
            else if (index === jsonBlock) pushText(out, delta.partial_json);
            else {
              const toolIndex = toolIndexByBlock.get(index);
              if (toolIndex !== undefined) out.push({ type: 'tool-call', index: toolIndex, arguments: delta.partial_json });
            }
          }
          return false;
        }
        case 'message_delta':
          usage = mapAnthropicUsage(event.usage, usage);
          if (event.delta?.stop_reason) {
            finished = true;
            out.push({ type: 'finish', reason: anthropicFinishReason(event.delta.stop_reason, jsonBlock !== undefined) });
          }
          return false;
        case 'message_stop':
          if (usage) out.push({ type: 'usage', usage });
          if (!finished) out.push({ type: 'finish', reason: 'stop' });
          return true;
        case 'error':
          out.push({
            type: 'error',
            message: event.error?.message ?? 'Anthropic reported an error mid-stream.',
            code: event.error?.type,
            status: event.error?.type === 'overloaded_error' ? 529 : undefined,
          });
          return true;
        default:
          return false;
      }
    },
  };
}

export function parseAnthropicStream(body: ReadableStream<Uint8Array>): AsyncIterable<StreamPart[]> {
  return sseParts(body, anthropicParts());
}
