import type { FinishReason, Usage } from '../openai-schema';
import type { ReasoningDetail } from '../reasoning';
import { chatEvents } from '../chat-events';
import { callItem, itemId, outcome, reasoningItem, responseObject, responsesAnnotation, responsesUsage, webSearchItems, type OutputItem, type ResponsesAnnotation } from './response';
import { chatTools } from './tools';
import type { ResponsesRequest } from './schema';

const encoder = new TextEncoder();

interface OpenCall {
  outputIndex: number;
  id: string;
  callId: string;
  name: string;
  args: string;
}

/**
 * Streams a chat completion as the Responses API streams an answer: response.created, then each
 * output item added, its deltas and done events, and response.completed with the usage
 * (https://platform.openai.com/docs/api-reference/responses-streaming). Items open and close in
 * output order: reasoning, the message, function calls.
 */
export function responsesEventStream(
  request: ResponsesRequest,
  chat: ReadableStream<Uint8Array>,
  extra: () => Record<string, unknown>,
  /** Called with the final response object when the answer completed (or stopped short), before the stream ends. */
  onFinished?: (response: ReturnType<typeof responseObject>) => Promise<void>,
): ReadableStream<Uint8Array> {
  let sequence = 0;
  let id = 'resp_pending';
  let created = Math.floor(Date.now() / 1000);
  let model = request.model;
  const output: OutputItem[] = [];
  // Reasoning items stay open to the end: a provider may send the details a turn needs back after
  // the calls they belong to (Gemini ties its thought signatures to function calls).
  const reasonings: { index: number; text: string; details: ReasoningDetail[]; partOpen: boolean; textDone: boolean }[] = [];
  let message: { index: number; text: string; annotations: ResponsesAnnotation[] } | undefined;
  // The answer's cited sources and the searches behind them (reported with the usage, at the end).
  const cited: ResponsesAnnotation[] = [];
  let queries: string[] = [];
  const calls = new Map<number, OpenCall>();
  const { declared } = chatTools(request);
  let finish: FinishReason | null = null;
  let usage: Usage | undefined;

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const emit = (type: string, payload: Record<string, unknown>) =>
        controller.enqueue(encoder.encode(`event: ${type}\ndata: ${JSON.stringify({ type, ...payload, sequence_number: sequence++ })}\n\n`));
      const snapshot = (status: string, more: Partial<Parameters<typeof responseObject>[1]> = {}) =>
        responseObject(request, { id, created, model, status, output: [...output], usage: usage ? responsesUsage(usage) : null, ...more }, status === 'in_progress' ? {} : extra());

      function newReasoning() {
        const index = output.length;
        output.push(reasoningItem(itemId('rs', id, index), undefined, undefined));
        emit('response.output_item.added', { output_index: index, item: output[index] });
        const reasoning = { index, text: '', details: [] as ReasoningDetail[], partOpen: false, textDone: false };
        reasonings.push(reasoning);
        return reasoning;
      }
      /** The reasoning item thinking text goes to: a new one once the last one's text is done. */
      function thinkingItem() {
        const last = reasonings.at(-1);
        return last && !last.textDone ? last : newReasoning();
      }
      function endThinkingText() {
        const last = reasonings.at(-1);
        if (!last || last.textDone) return;
        last.textDone = true;
        if (!last.partOpen) return;
        const item_id = itemId('rs', id, last.index);
        emit('response.reasoning_summary_text.done', { item_id, output_index: last.index, summary_index: 0, text: last.text });
        emit('response.reasoning_summary_part.done', { item_id, output_index: last.index, summary_index: 0, part: { type: 'summary_text', text: last.text } });
      }
      function closeReasonings() {
        endThinkingText();
        for (const { index, text, details } of reasonings) {
          output[index] = reasoningItem(itemId('rs', id, index), text || undefined, details);
          emit('response.output_item.done', { output_index: index, item: output[index] });
        }
        reasonings.length = 0;
      }
      function openMessage() {
        if (message) return message;
        const index = output.length;
        output.push({ type: 'message', id: itemId('msg', id, index), status: 'in_progress', role: 'assistant', content: [] });
        emit('response.output_item.added', { output_index: index, item: output[index] });
        emit('response.content_part.added', { item_id: itemId('msg', id, index), output_index: index, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
        return (message = { index, text: '', annotations: [] });
      }
      function closeMessage() {
        if (!message) return;
        const { index, text, annotations } = message;
        const item_id = itemId('msg', id, index);
        const part = { type: 'output_text' as const, text, annotations, logprobs: [] as [] };
        emit('response.output_text.done', { item_id, output_index: index, content_index: 0, text, logprobs: [] });
        emit('response.content_part.done', { item_id, output_index: index, content_index: 0, part });
        output[index] = { type: 'message', id: item_id, status: 'completed', role: 'assistant', content: [part] };
        emit('response.output_item.done', { output_index: index, item: output[index] });
        message = undefined;
      }
      /** The searches the provider ran, as web_search_call items after the rest (they are reported at the end). */
      function searchItems() {
        const count = usage?.server_tool_use?.web_search_requests ?? 0;
        if (!count && !queries.length) return;
        for (const item of webSearchItems(id, queries, count, cited, request, output.length)) {
          const index = output.length;
          output.push(item);
          emit('response.output_item.added', { output_index: index, item: { ...item, status: 'in_progress' } });
          for (const stage of ['in_progress', 'searching', 'completed']) emit(`response.web_search_call.${stage}`, { item_id: item.id, output_index: index });
          emit('response.output_item.done', { output_index: index, item });
        }
      }
      function closeCalls() {
        for (const call of calls.values()) {
          const item = callItem(call.id, { id: call.callId, type: 'function', function: { name: call.name, arguments: call.args } }, declared);
          if (item.type === 'custom_tool_call') {
            // Its input comes whole: the model wrote it as the JSON of a function's arguments.
            emit('response.custom_tool_call_input.delta', { item_id: call.id, output_index: call.outputIndex, delta: item.input });
            emit('response.custom_tool_call_input.done', { item_id: call.id, output_index: call.outputIndex, input: item.input });
          } else emit('response.function_call_arguments.done', { item_id: call.id, output_index: call.outputIndex, name: item.type === 'function_call' ? item.name : call.name, arguments: call.args });
          output[call.outputIndex] = item;
          emit('response.output_item.done', { output_index: call.outputIndex, item });
        }
        calls.clear();
      }
      function fail(code: string, text: string) {
        // The Responses error codes are a closed list; the provider's or the gateway's own code goes in the message.
        const error = { code: /rate.?limit/i.test(code) ? 'rate_limit_exceeded' : 'server_error', message: `${text} (${code})` };
        emit('response.failed', { response: snapshot('failed', { error }) });
      }

      let started = false;
      let ended = false;
      try {
        for await (const chunk of chatEvents(chat)) {
          if (chunk === null) {
            ended = true;
            break;
          }
          if (chunk.error) {
            if (!started) emit('response.created', { response: snapshot('in_progress') });
            fail(chunk.error.code, chunk.error.message);
            return controller.close();
          }
          if (!started) {
            started = true;
            id = `resp_${chunk.id.replace(/^chatcmpl-/, '')}`;
            created = chunk.created;
            model = chunk.model;
            emit('response.created', { response: snapshot('in_progress') });
            emit('response.in_progress', { response: snapshot('in_progress') });
          }
          if (chunk.usage) usage = chunk.usage;
          const searched = (chunk as { switchyard?: { search_queries?: string[] } }).switchyard?.search_queries;
          if (searched) queries = searched;
          const choice = chunk.choices[0];
          if (!choice) continue;
          const delta = choice.delta;
          if (delta.reasoning) {
            const open = thinkingItem();
            if (!open.partOpen) {
              open.partOpen = true;
              emit('response.reasoning_summary_part.added', { item_id: itemId('rs', id, open.index), output_index: open.index, summary_index: 0, part: { type: 'summary_text', text: '' } });
            }
            open.text += delta.reasoning;
            emit('response.reasoning_summary_text.delta', { item_id: itemId('rs', id, open.index), output_index: open.index, summary_index: 0, delta: delta.reasoning });
          }
          if (delta.reasoning_details?.length) (reasonings.at(-1) ?? newReasoning()).details.push(...delta.reasoning_details);
          if (delta.content) {
            endThinkingText();
            const open = openMessage();
            open.text += delta.content;
            emit('response.output_text.delta', { item_id: itemId('msg', id, open.index), output_index: open.index, content_index: 0, delta: delta.content, logprobs: [] });
          }
          for (const annotation of delta.annotations ?? []) {
            if (!message) continue;
            const cite = responsesAnnotation(annotation);
            message.annotations.push(cite);
            cited.push(cite);
            emit('response.output_text.annotation.added', { item_id: itemId('msg', id, message.index), output_index: message.index, content_index: 0, annotation_index: message.annotations.length - 1, annotation: cite });
          }
          for (const call of delta.tool_calls ?? []) {
            endThinkingText();
            closeMessage();
            let open = calls.get(call.index);
            if (!open) {
              const outputIndex = output.length;
              open = { outputIndex, id: itemId('fc', id, outputIndex), callId: call.id ?? `call_${outputIndex}`, name: call.function.name ?? '', args: '' };
              calls.set(call.index, open);
              output.push(callItem(open.id, { id: open.callId, type: 'function', function: { name: open.name, arguments: '' } }, declared, 'in_progress'));
              emit('response.output_item.added', { output_index: outputIndex, item: output[outputIndex] });
            }
            if (call.function.arguments) {
              open.args += call.function.arguments;
              if (!declared.get(open.name)?.custom) emit('response.function_call_arguments.delta', { item_id: open.id, output_index: open.outputIndex, delta: call.function.arguments });
            }
          }
          if (choice.finish_reason) finish = choice.finish_reason;
        }
        if (!ended) {
          if (!started) emit('response.created', { response: snapshot('in_progress') });
          fail('stream_truncated', 'The answer ended before it was complete.');
          return controller.close();
        }
        closeMessage();
        closeCalls();
        closeReasonings();
        searchItems();
        const { status, incomplete_details } = outcome(finish);
        const final = snapshot(status, { incomplete_details });
        await onFinished?.(final).catch(() => undefined);
        emit(status === 'completed' ? 'response.completed' : 'response.incomplete', { response: final });
        controller.close();
      } catch (error) {
        if (!started) emit('response.created', { response: snapshot('in_progress') });
        fail('stream_error', error instanceof Error ? error.message : String(error));
        controller.close();
      }
    },
  });
}
