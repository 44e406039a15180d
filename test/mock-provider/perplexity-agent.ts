import type { Answer } from './behavior';
import { openAiResponsesWire } from './openai-responses';
import { WireError, type WireFormat } from './wire';

/**
 * Perplexity's Agent API (POST /v1/agent), where Sonar answers since September 27, 2026. Shapes as
 * in test/fixtures/perplexity-agent/ (sources named there): Responses-shaped output with a
 * search_results item whose results the answer's "[n]" marks cite, message annotations empty,
 * usage with Perplexity's cost block, a stream of data lines only (no event: lines, no [DONE]).
 * It refuses fields it does not document and models not named provider/model.
 */
const KNOWN_FIELDS = new Set([
  'model', 'models', 'preset', 'input', 'instructions', 'tools', 'tool_choice', 'parallel_tool_calls', 'max_output_tokens', 'max_steps',
  'temperature', 'top_p', 'frequency_penalty', 'presence_penalty', 'response_format', 'text', 'reasoning', 'language_preference', 'stream', 'stream_options', 'user',
]);
const SONAR = ['perplexity/sonar', 'perplexity/sonar-pro', 'perplexity/sonar-reasoning-pro', 'perplexity/sonar-deep-research'];

const error = (status: number, type: string, message: string, param?: string) => new WireError(status, { error: { message, type, code: status, ...(param ? { param } : {}) } });

let counter = 0;

function searchItem(answer: Answer, body: Record<string, unknown>) {
  const searches = Array.isArray(body.tools) && (body.tools as { type?: string }[]).some((t) => t.type === 'web_search');
  if (!searches || !answer.search) return undefined;
  return {
    type: 'search_results',
    queries: answer.search.queries,
    results: answer.search.sources.map((s, i) => ({ id: i + 1, url: s.url, title: s.title, snippet: s.cites, date: '2026-11-30', last_updated: '2026-12-01', source: 'web' })),
  };
}

function responseOf(answer: Answer, body: Record<string, unknown>, n: number, status: string) {
  const search = searchItem(answer, body);
  const output = [
    ...(search ? [search] : []),
    { type: 'message', id: `msg_pplx_${n}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: answer.text, annotations: [] }] },
  ];
  const inputCost = (answer.usage.prompt * 1) / 1e6;
  const outputCost = (answer.usage.completion * 1) / 1e6;
  const toolCost = search ? 0.005 : 0;
  return {
    id: `resp_pplx_${n}`,
    object: 'response',
    created_at: 1_765_000_000,
    completed_at: 1_765_000_002,
    status,
    model: answer.model,
    output,
    usage: {
      input_tokens: answer.usage.prompt,
      output_tokens: answer.usage.completion,
      total_tokens: answer.usage.prompt + answer.usage.completion,
      ...(search ? { tool_calls_details: { search_web: { invocation: 1 } } } : {}),
      cost: { currency: 'USD', input_cost: inputCost, output_cost: outputCost, tool_calls_cost: toolCost, total_cost: inputCost + outputCost + toolCost },
    },
  };
}

const data = (payload: Record<string, unknown>) => `data: ${JSON.stringify(payload)}\n\n`;

export const perplexityAgentWire: WireFormat = {
  check(req) {
    if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) return error(401, 'forbidden', 'Missing or invalid API key.');
    const unknown = Object.keys(req.body).find((key) => !KNOWN_FIELDS.has(key));
    if (unknown) return error(400, 'invalid_parameter', `Unknown field: ${unknown}`, unknown);
    const { model } = req.body;
    if (typeof model !== 'string' || !model.includes('/')) return error(400, 'invalid_model', `Model must be in provider/model format, got ${JSON.stringify(model)}.`, 'model');
    if (model.startsWith('perplexity/') && !SONAR.includes(model)) return error(400, 'invalid_model', `Unknown model ${model}.`, 'model');
    return { model };
  },
  promptText: (req) => openAiResponsesWire.promptText(req),
  isStream: (req) => req.body.stream === true,
  errorBody: (status, message) => error(status, status >= 500 ? 'internal_error' : 'invalid_request', message).body,
  complete: (answer, req) => responseOf(answer, req.body, ++counter, 'completed'),
  streamFrames(answer, req) {
    const n = ++counter;
    const whole = responseOf(answer, req.body, n, 'completed');
    let sequence = 0;
    const frames: string[] = [];
    const emit = (type: string, payload: Record<string, unknown> = {}) => frames.push(data({ type, ...payload, sequence_number: sequence++ }));
    emit('response.created', { response: { ...whole, status: 'in_progress', output: [], usage: null } });
    emit('response.in_progress', { response: { ...whole, status: 'in_progress', output: [], usage: null } });
    whole.output.forEach((item, index) => {
      if (item.type === 'search_results') {
        emit('response.output_item.added', { output_index: index, item });
        emit('response.output_item.done', { output_index: index, item });
        return;
      }
      emit('response.output_item.added', { output_index: index, item: { ...item, status: 'in_progress', content: [] } });
      emit('response.content_part.added', { output_index: index, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
      for (const piece of answer.pieces) emit('response.output_text.delta', { output_index: index, content_index: 0, delta: piece });
      emit('response.output_text.done', { output_index: index, content_index: 0, text: answer.text });
      emit('response.output_item.done', { output_index: index, item });
    });
    emit('response.completed', { response: whole });
    return frames;
  },
  streamError: (message) => data({ type: 'error', code: 'internal_error', message }),
  malformed: 'data: {"type":"response.output_text.delta","delta":"bro\n\n',
  contentType: 'text/event-stream',
  listModels: () => ({ object: 'list', data: SONAR.map((id) => ({ id, object: 'model', created: 1_765_000_000, owned_by: 'perplexity' })) }),
};
