import { badRequest, errorResponse, GatewayError } from '../errors';
import { ChatRequest } from '../openai-schema';
import { contentText } from '../providers/shared/content';
import type { PromptApi, PromptMessage } from './prompt-api';

export const CHROME_AI_MODEL = 'gemini-nano';
const encoder = new TextEncoder();
const tokens = (text: string) => Math.ceil(text.length / 4);

function unavailable(state: string): GatewayError {
  const message =
    state === 'downloadable' || state === 'downloading'
      ? "Chrome's built-in model is still being downloaded to this computer; try again when it is ready."
      : "Chrome's built-in model is not available in this browser or on this device.";
  return new GatewayError(503, 'provider_error', 'provider_unavailable', message, { provider: 'chrome-ai' });
}

/** OpenAI messages as the Prompt API wants them: earlier turns as initial prompts, the last user turn as the input. */
export function toPromptInput(request: ChatRequest): { initialPrompts: PromptMessage[]; input: string } {
  const messages = request.messages.map((m) => {
    if (Array.isArray(m.content) && m.content.some((p) => p.type === 'image_url')) throw badRequest("Chrome's built-in model does not take images here.", 'messages');
    if (m.role === 'tool' || (m.role === 'assistant' && m.tool_calls?.length)) throw badRequest("Chrome's built-in model does not call tools.", 'messages');
    const role = m.role === 'developer' ? 'system' : m.role;
    return { role: role as PromptMessage['role'], content: contentText(m.content) };
  });
  const last = messages.at(-1);
  if (!last || last.role !== 'user') throw badRequest('The last message must be the user’s.', 'messages');
  const earlier = messages.slice(0, -1);
  // The Prompt API takes system text only first; later system messages become user context.
  const initialPrompts = earlier.map((m, i) => (m.role === 'system' && i > 0 ? { role: 'user' as const, content: m.content } : m));
  return { initialPrompts, input: last.content };
}

function completion(model: string, text: string, promptTokens: number) {
  return {
    id: `chatcmpl-chromeai-${Date.now().toString(36)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: promptTokens, completion_tokens: tokens(text), total_tokens: promptTokens + tokens(text) },
  };
}

/**
 * A fetch that answers OpenAI Chat Completions requests with Chrome's on-device model, so the
 * gateway drives it as one more OpenAI-compatible provider (streaming, usage estimated, free).
 */
export function createChromeAiFetch(api: PromptApi): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname.replace(/\/+$/, '');
    try {
      if (request.method === 'GET' && path.endsWith('/models')) {
        const state = await api.availability();
        return Response.json({ object: 'list', data: state === 'unavailable' ? [] : [{ id: CHROME_AI_MODEL, object: 'model', owned_by: 'chrome', availability: state }] });
      }
      if (request.method !== 'POST' || !path.endsWith('/chat/completions')) throw new GatewayError(404, 'not_found_error', 'unknown_route', `No ${request.method} ${path} here.`);
      const parsed = ChatRequest.safeParse(await request.json());
      if (!parsed.success) throw badRequest('Invalid request for the built-in model.');
      const body = parsed.data;
      const state = await api.availability();
      if (state !== 'available') throw unavailable(state);
      const { initialPrompts, input: prompt } = toPromptInput(body);
      const session = await api.create({
        initialPrompts,
        ...(body.temperature != null ? { temperature: body.temperature, topK: 3 } : {}),
        signal: request.signal,
      });
      const promptTokens = (await session.measureInputUsage?.(prompt).catch(() => undefined)) ?? tokens(initialPrompts.map((p) => p.content).join('\n') + prompt);
      const format = body.response_format;
      const options = {
        signal: request.signal,
        ...(format?.type === 'json_schema' && format.json_schema.schema ? { responseConstraint: format.json_schema.schema } : {}),
      };
      if (!body.stream) {
        try {
          return Response.json(completion(CHROME_AI_MODEL, await session.prompt(prompt, options), promptTokens));
        } finally {
          session.destroy();
        }
      }
      const reader = session.promptStreaming(prompt, options).getReader();
      let text = '';
      const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) =>
        encoder.encode(`data: ${JSON.stringify({ id: 'chromeai', object: 'chat.completion.chunk', created: 0, model: CHROME_AI_MODEL, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`);
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const { done, value } = await reader.read();
            if (done) {
              controller.enqueue(chunk({}, 'stop'));
              const usage = { prompt_tokens: promptTokens, completion_tokens: tokens(text), total_tokens: promptTokens + tokens(text) };
              controller.enqueue(encoder.encode(`data: ${JSON.stringify({ id: 'chromeai', object: 'chat.completion.chunk', created: 0, model: CHROME_AI_MODEL, choices: [], usage })}\n\n`));
              controller.enqueue(encoder.encode('data: [DONE]\n\n'));
              controller.close();
              session.destroy();
              return;
            }
            text += value;
            controller.enqueue(chunk({ content: value }));
          } catch (error) {
            session.destroy();
            controller.error(error);
          }
        },
        cancel() {
          void reader.cancel();
          session.destroy();
        },
      });
      return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
    } catch (error) {
      if (error instanceof GatewayError) return errorResponse(error);
      if (request.signal.aborted) throw error;
      return errorResponse(new GatewayError(502, 'provider_error', 'provider_error', `Chrome's built-in model failed: ${error instanceof Error ? error.message : String(error)}`));
    }
  };
}

/** Sends chrome-ai: URLs to the on-device model and everything else to the network. */
export function withChromeAi(network: typeof fetch, chromeAi: typeof fetch | undefined): typeof fetch {
  if (!chromeAi) return network;
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return url.startsWith('chrome-ai:') ? chromeAi(input, init) : network(input, init);
  };
}
