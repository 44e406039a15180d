import { readFileSync } from 'node:fs';
import type { Answer } from './behavior';
import { textOf, WireError, type WireFormat } from './wire';

export const OLLAMA_MODELS = ['llama3.2', 'llama3.2:latest', 'qwen2.5-coder:7b', 'gemma3:4b', 'llama3.2:1b'];

/** Each model's architecture and trained window, as its GGUF metadata has them. */
const TRAINED: Record<string, [architecture: string, window: number]> = {
  'llama3.2': ['llama', 131_072],
  'llama3.2:latest': ['llama', 131_072],
  'llama3.2:1b': ['llama', 131_072],
  'qwen2.5-coder:7b': ['qwen2', 32_768],
  'gemma3:4b': ['gemma3', 131_072],
};

/** POST /api/show: the recorded answer for llama3.2:1b (test/fixtures/ollama/show-llama3.2-1b.json), with each model's own window. */
export function ollamaShow(body: Record<string, unknown>): unknown {
  const name = typeof body.model === 'string' ? body.model : typeof body.name === 'string' ? body.name : '';
  const trained = TRAINED[name];
  if (!trained) return error(404, `model '${name}' not found`);
  const { _source: _, ...recorded } = JSON.parse(readFileSync(new URL('../fixtures/ollama/show-llama3.2-1b.json', import.meta.url), 'utf8')) as Record<string, unknown> & {
    model_info: Record<string, unknown>;
  };
  const [architecture, window] = trained;
  const info = Object.fromEntries(Object.entries(recorded.model_info).map(([key, value]) => [key.replace(/^llama\./, `${architecture}.`), value]));
  return { ...recorded, model_info: { ...info, 'general.architecture': architecture, [`${architecture}.context_length`]: window } };
}

const error = (status: number, message: string) => new WireError(status, { error: message });
const line = (value: unknown) => `${JSON.stringify(value)}\n`;
const CREATED = '2025-11-24T12:00:00.000000Z';

function toolCalls(answer: Answer) {
  return answer.toolCalls.map((c) => ({ function: { name: c.name, arguments: c.arguments } }));
}

export const ollamaWire: WireFormat = {
  check(req) {
    const { model, messages } = req.body;
    if (typeof model !== 'string' || !model) return error(400, 'model is required');
    if (!Array.isArray(messages)) return error(400, 'messages is required');
    for (const m of messages as { role?: string; images?: unknown }[]) {
      if (!['system', 'user', 'assistant', 'tool'].includes(String(m.role))) return error(400, `invalid role: ${m.role}`);
      if (m.images !== undefined && !Array.isArray(m.images)) return error(400, 'images must be an array of base64 strings');
    }
    if (!OLLAMA_MODELS.includes(model)) return error(404, `model "${model}" not found, try pulling it first`);
    return { model };
  },
  promptText(req) {
    const messages = (req.body.messages ?? []) as { role: string; content: unknown }[];
    return {
      all: messages.map((m) => textOf(m.content)).join('\n'),
      lastUser: textOf([...messages].reverse().find((m) => m.role === 'user')?.content),
    };
  },
  isStream: (req) => req.body.stream !== false,
  errorBody: (status, message) => error(status, message).body,
  complete(answer) {
    return {
      model: answer.model,
      created_at: CREATED,
      message: {
        role: 'assistant',
        content: answer.text,
        ...(answer.reasoning ? { thinking: answer.reasoning } : {}),
        ...(answer.toolCalls.length ? { tool_calls: toolCalls(answer) } : {}),
      },
      done: true,
      done_reason: answer.finish === 'length' ? 'length' : 'stop',
      total_duration: 1_000_000,
      prompt_eval_count: answer.usage.prompt,
      eval_count: answer.usage.completion,
    };
  },
  streamFrames(answer) {
    const frames: string[] = [];
    const piece = (message: Record<string, unknown>) => line({ model: answer.model, created_at: CREATED, message: { role: 'assistant', content: '', ...message }, done: false });
    if (answer.reasoning) frames.push(piece({ thinking: answer.reasoning }));
    for (const text of answer.pieces) frames.push(piece({ content: text }));
    if (answer.toolCalls.length) frames.push(piece({ tool_calls: toolCalls(answer) }));
    frames.push(
      line({
        model: answer.model,
        created_at: CREATED,
        message: { role: 'assistant', content: '' },
        done: true,
        done_reason: answer.finish === 'length' ? 'length' : 'stop',
        total_duration: 1_000_000,
        prompt_eval_count: answer.usage.prompt,
        eval_count: answer.usage.completion,
      }),
    );
    return frames;
  },
  streamError: (message) => line({ error: message }),
  malformed: '{"model":"llama3.2","message":{"content":"bro\n',
  contentType: 'application/x-ndjson',
  listModels() {
    return {
      models: OLLAMA_MODELS.filter((m) => !m.endsWith(':latest')).map((name) => ({
        name,
        model: name,
        modified_at: CREATED,
        size: 2_019_393_189,
        details: { family: 'llama', parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
      })),
    };
  },
};
