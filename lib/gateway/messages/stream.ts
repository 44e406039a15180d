import { chatEvents } from '../chat-events';
import type { FinishReason, Usage } from '../openai-schema';
import { REASONING_FORMATS, type ReasoningDetail } from '../reasoning';
import { streamError } from './errors';
import { blockOf } from './reasoning-blocks';
import { messageId, messagesUsage, stopReason } from './response';

const encoder = new TextEncoder();

type Open = { kind: 'thinking' } | { kind: 'text' } | { kind: 'tool'; chatIndex: number };

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
          if (chunk.usage) usage = chunk.usage;
          const choice = chunk.choices[0];
          if (!choice) continue;
          const d = choice.delta;
          if (d.reasoning) thinking(d.reasoning);
          for (const entry of d.reasoning_details ?? []) detail(entry);
          if (d.content) {
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
