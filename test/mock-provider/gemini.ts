import type { Answer } from './behavior';
import { sse, WireError, type MockRequest, type WireFormat } from './wire';

export const GEMINI_MODELS = ['gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-2.5-pro', 'gemini-2.0-flash'];

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};
const error = (code: number, message: string) => new WireError(code, { error: { code, message, status: STATUS[code] ?? 'UNKNOWN' } });

const FINISH: Record<Answer['finish'], string> = { stop: 'STOP', length: 'MAX_TOKENS', tool_calls: 'STOP', content_filter: 'SAFETY' };

type Part = { text?: string; inlineData?: unknown; functionCall?: unknown; functionResponse?: unknown };

function modelOf(req: MockRequest): string {
  return /models\/([^:/]+):/.exec(req.path)?.[1] ?? '';
}

function keyOf(req: MockRequest): string | undefined {
  return (req.headers['x-goog-api-key'] as string | undefined) ?? req.query.get('key') ?? undefined;
}

function usageOf(answer: Answer) {
  return {
    promptTokenCount: answer.usage.prompt,
    candidatesTokenCount: answer.usage.completion - answer.usage.reasoning,
    ...(answer.usage.reasoning ? { thoughtsTokenCount: answer.usage.reasoning } : {}),
    ...(answer.usage.cached ? { cachedContentTokenCount: answer.usage.cached } : {}),
    totalTokenCount: answer.usage.prompt + answer.usage.completion,
  };
}

function callParts(answer: Answer): Part[] {
  return answer.toolCalls.map((c) => ({ functionCall: { name: c.name, args: c.arguments } }));
}

export const geminiWire: WireFormat = {
  check(req) {
    const key = keyOf(req);
    if (!key) return error(403, 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.');
    if (/bad/.test(key)) return error(400, 'API key not valid. Please pass a valid API key.');
    const model = modelOf(req);
    const contents = req.body.contents as { role?: string; parts?: Part[] }[] | undefined;
    if (!Array.isArray(contents) || contents.length === 0) return error(400, '* GenerateContentRequest.contents: contents is not specified');
    for (const [i, c] of contents.entries()) {
      if (c.role !== 'user' && c.role !== 'model') return error(400, `Please use a valid role: user, model. (contents[${i}].role = ${c.role})`);
      if (!Array.isArray(c.parts) || c.parts.length === 0) return error(400, `* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.`);
    }
    if (!GEMINI_MODELS.includes(model)) return error(404, `models/${model} is not found for API version v1beta, or is not supported for generateContent.`);
    return { model };
  },
  promptText(req) {
    const contents = (req.body.contents ?? []) as { role: string; parts: Part[] }[];
    const text = (parts: Part[] = []) => parts.map((p) => p.text ?? '').join('\n');
    const system = text((req.body.systemInstruction as { parts?: Part[] } | undefined)?.parts);
    const all = [system, ...contents.map((c) => text(c.parts))].join('\n');
    const lastUser = text([...contents].reverse().find((c) => c.role === 'user' && c.parts.some((p) => p.text))?.parts);
    return { all, lastUser };
  },
  isStream: (req) => req.path.includes(':streamGenerateContent'),
  errorBody: (status, message) => error(status, message).body,
  complete(answer) {
    const parts: Part[] = [];
    if (answer.reasoning) parts.push({ text: answer.reasoning, thought: true } as Part);
    if (answer.text) parts.push({ text: answer.text });
    parts.push(...callParts(answer));
    if (answer.finish === 'content_filter') {
      return { candidates: [{ finishReason: 'SAFETY', index: 0, safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH' }] }], usageMetadata: usageOf(answer), modelVersion: answer.model };
    }
    return {
      candidates: [{ content: { parts, role: 'model' }, finishReason: FINISH[answer.finish], index: 0 }],
      usageMetadata: usageOf(answer),
      modelVersion: answer.model,
      responseId: 'mock-response',
    };
  },
  streamFrames(answer) {
    // Like Gemini itself, every event carries the usage so far (the prompt's, until the last).
    const running = { promptTokenCount: answer.usage.prompt, totalTokenCount: answer.usage.prompt };
    const frame = (parts: Part[], extra: Record<string, unknown> = {}) =>
      sse({ candidates: [{ content: { parts, role: 'model' }, index: 0, ...extra }], usageMetadata: running, modelVersion: answer.model, responseId: 'mock-response' });
    const frames: string[] = [];
    if (answer.reasoning) frames.push(frame([{ text: answer.reasoning, thought: true } as Part]));
    for (const piece of answer.pieces) frames.push(frame([{ text: piece }]));
    const calls = callParts(answer);
    if (calls.length > 0) frames.push(frame(calls));
    frames.push(
      sse({
        candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, finishReason: FINISH[answer.finish], index: 0 }],
        usageMetadata: usageOf(answer),
        modelVersion: answer.model,
        responseId: 'mock-response',
      }),
    );
    return frames;
  },
  streamError: (message) => sse({ error: { code: 503, message, status: 'UNAVAILABLE' } }),
  malformed: 'data: {"candidates": [{"content": {"parts": [{"text": "bro\n\n',
  contentType: 'text/event-stream',
  listModels(req) {
    if (!keyOf(req)) return error(403, "Method doesn't allow unregistered callers.");
    if (/bad/.test(keyOf(req)!)) return error(400, 'API key not valid. Please pass a valid API key.');
    return {
      models: GEMINI_MODELS.map((id) => ({
        name: `models/${id}`,
        displayName: id,
        inputTokenLimit: 1_048_576,
        outputTokenLimit: 65_536,
        supportedGenerationMethods: ['generateContent', 'countTokens'],
      })),
    };
  },
};
