import { chatEvents } from '../chat-events';
import type { FinishReason, UrlCitationAnnotation, Usage } from '../openai-schema';
import { REASONING_FORMATS, type ReasoningDetail } from '../reasoning';
import { streamError } from './errors';
import { blockOf } from './reasoning-blocks';
import { messageId, messagesUsage, stopReason } from './response';
import { lateCitations, searchBlocks } from './web-search';

const encoder = new TextEncoder();

type Open = { kind: 'thinking' } | { kind: 'text' } | { kind: 'tool'; chatIndex: number } | { kind: 'search' };

/**
 * Streams a chat completion as the Messages API streams a message
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming): message_start, then each
 * content block started, its deltas and stopped, one at a time in output order, then
 * message_delta with the stop reason and usage, and message_stop. An error that ends the
 * gateway's stream ends this one as an error event.
 */
export function messagesEventStream(chat: ReadableStream<Uint8Array>, requestedModel: string): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const emit = (type: string, payload: Record<string, unknown> = {}) => controller.enqueue(encoder.encode(`event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`));
      let started = false;
      let blocks = 0;
      let open: Open | undefined;
      let finish: FinishReason | null = null;
      let usage: Usage | undefined;
      // The text so far and what it cites: citations come after the text they cite, so they close the message in a block of their own.
      let text = '';
      const annotations: UrlCitationAnnotation[] = [];
      let queries: string[] = [];
      let chatId = 'chatcmpl-';
      const searchResults = () => {
        const count = usage?.server_tool_use?.web_search_requests ?? 0;
        if (!count && !queries.length && !annotations.length) return;
        close();
        for (const block of searchBlocks(queries, count, annotations, chatId.replace(/^chatcmpl-/, ''))) {
          const { type } = block;
          openBlock({ kind: 'search' }, type === 'server_tool_use' ? { ...block, input: {} } : block);
          if (type === 'server_tool_use') delta({ type: 'input_json_delta', partial_json: JSON.stringify(block.input) });
          close();
        }
        if (annotations.length) {
          openBlock({ kind: 'text' }, { type: 'text', text: '' });
          for (const citation of lateCitations(text, annotations)) delta({ type: 'citations_delta', citation });
          close();
        }
      };

      const begin = (id: string, model: string) => {
        if (started) return;
        started = true;
        emit('message_start', {
          message: { id: messageId(id), type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: messagesUsage(undefined) },
        });
        emit('ping');
      };
      const close = () => {
        if (!open) return;
        emit('content_block_stop', { index: blocks - 1 });
        open = undefined;
      };
      const openBlock = (next: Open, block: Record<string, unknown>) => {
        close();
        emit('content_block_start', { index: blocks++, content_block: block });
        open = next;
      };
      const delta = (payload: Record<string, unknown>) => emit('content_block_delta', { index: blocks - 1, delta: payload });

      const thinking = (text: string) => {
        if (open?.kind !== 'thinking') openBlock({ kind: 'thinking' }, { type: 'thinking', thinking: '', signature: '' });
        delta({ type: 'thinking_delta', thinking: text });
      };
      const detail = (d: ReasoningDetail) => {
        if (d.format === REASONING_FORMATS.anthropic && d.type === 'reasoning.text') {
          // The thinking streamed already; its signature closes it.
          if (open?.kind !== 'thinking') {
            openBlock({ kind: 'thinking' }, { type: 'thinking', thinking: '', signature: '' });
            if (d.text) delta({ type: 'thinking_delta', thinking: d.text });
          }
          if (d.signature) delta({ type: 'signature_delta', signature: d.signature });
          close();
          return;
        }
        openBlock({ kind: 'thinking' }, blockOf(d));
        close();
      };

      try {
        for await (const chunk of chatEvents(chat)) {
          if (chunk === null) {
            begin('chatcmpl-empty', requestedModel);
            close();
            searchResults();
            emit('message_delta', { delta: { stop_reason: stopReason(finish), stop_sequence: null }, usage: messagesUsage(usage) });
            emit('message_stop');
            controller.close();
            return;
          }
          if (chunk.error) {
            close();
            emit('error', streamError(chunk.error));
            controller.close();
            return;
          }
          begin(chunk.id, chunk.model);
          chatId = chunk.id;
          if (chunk.usage) usage = chunk.usage;
          const searched = (chunk as { switchyard?: { search_queries?: string[] } }).switchyard?.search_queries;
          if (searched) queries = searched;
          annotations.push(...(chunk.choices[0]?.delta.annotations ?? []));
          const choice = chunk.choices[0];
          if (!choice) continue;
          const d = choice.delta;
          if (d.reasoning) thinking(d.reasoning);
          for (const entry of d.reasoning_details ?? []) detail(entry);
          if (d.content) {
            text += d.content;
            if (open?.kind !== 'text') openBlock({ kind: 'text' }, { type: 'text', text: '' });
            delta({ type: 'text_delta', text: d.content });
          }
          for (const call of d.tool_calls ?? []) {
            const current = open?.kind === 'tool' && open.chatIndex === call.index;
            if (!current) openBlock({ kind: 'tool', chatIndex: call.index }, { type: 'tool_use', id: call.id ?? `toolu_${call.index}`, name: call.function.name ?? '', input: {} });
            if (call.function.arguments) delta({ type: 'input_json_delta', partial_json: call.function.arguments });
          }
          if (choice.finish_reason) finish = choice.finish_reason;
        }
        throw new Error('The answer ended before it was complete.');
      } catch (error) {
        begin('chatcmpl-error', requestedModel);
        close();
        emit('error', streamError({ message: error instanceof Error ? error.message : String(error) }));
        controller.close();
      }
    },
  });
}
