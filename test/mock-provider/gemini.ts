import type { Answer } from './behavior';
import { bytes, segments } from './search';
import { isSignatureOf, signatureOf } from './signatures';
import { sse, WireError, type MockRequest, type WireFormat } from './wire';

export const GEMINI_MODELS = ['gemini-3.1-pro-preview', 'gemini-3.5-flash', 'gemini-3.5-flash-lite', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-2.5-pro', 'gemini-2.0-flash', 'gemini-3-pro-preview'];
const isGemini3 = (model: string) => model.startsWith('gemini-3');
/** Google's stand-in for a signature it never issued (https://ai.google.dev/gemini-api/docs/thought-signatures). */
const DUMMY_SIGNATURE = 'context_engineering_is_the_way_to_go';

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

type Part = { text?: string; inlineData?: unknown; functionCall?: { name?: string; args?: unknown }; functionResponse?: unknown; thoughtSignature?: string };
type Content = { role?: string; parts?: Part[] };

const callKey = (call: { name?: string; args?: unknown }) => `${call.name}\n${JSON.stringify(call.args ?? {})}`;

/**
 * Gemini 3's rule (https://ai.google.dev/gemini-api/docs/thought-signatures): in the current turn
 * (everything after the last user content with text), the first function call of every model step
 * must carry the signature it was given; signatures must be Gemini's own. Error texts as the API words them.
 */
function checkSignatures(contents: Content[]): WireError | undefined {
  for (const [i, content] of contents.entries()) {
    for (const part of content.parts ?? []) {
      const signature = part.thoughtSignature;
      if (signature === undefined || signature === DUMMY_SIGNATURE) continue;
      const signed = part.functionCall ? callKey(part.functionCall) : (part.text ?? '');
      if (!isSignatureOf(signature, 'gemini', signed)) return error(400, `Corrupted thought signature in contents[${i}].`);
    }
  }
  const turnStart = contents.findLastIndex((c) => c.role === 'user' && (c.parts ?? []).some((p) => typeof p.text === 'string'));
  for (const [i, content] of contents.entries()) {
    if (i <= turnStart || content.role !== 'model') continue;
    const first = (content.parts ?? []).find((p) => p.functionCall);
    if (first && first.thoughtSignature === undefined) {
      return error(400, `Function call \`${first.functionCall!.name}\` in the ${i}. content block is missing a \`thought_signature\`. Learn more: https://docs.cloud.google.com/vertex-ai/generative-ai/docs/thought-signatures`);
    }
  }
  return undefined;
}

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

/** Gemini 3 signs the first function call of a step (parallel calls after it carry none). */
function callParts(answer: Answer): Part[] {
  return answer.toolCalls.map((c, i) => {
    const functionCall = { name: c.name, args: c.arguments };
    return { functionCall, ...(i === 0 && isGemini3(answer.model) ? { thoughtSignature: signatureOf('gemini', callKey(functionCall)) } : {}) };
  });
}

/**
 * Google Search grounding, when the request has the google_search tool and the script gives
 * results (shaped as in Gemini's grounding docs: segment offsets in UTF-8 bytes).
 */
function groundingOf(answer: Answer, req: MockRequest) {
  const tools = (req.body.tools ?? []) as Record<string, unknown>[];
  if (!answer.search || !tools.some((t) => 'google_search' in t || 'googleSearch' in t)) return undefined;
  const { sources, queries } = answer.search;
  return {
    webSearchQueries: queries,
    searchEntryPoint: { renderedContent: '<style>.container{}</style><div class="container">…</div>' },
    groundingChunks: sources.map((s) => ({ web: { uri: s.url, title: s.title } })),
    groundingSupports: segments(answer).flatMap((segment) =>
      segment.source
        ? [{ segment: { startIndex: bytes(answer.text.slice(0, segment.start)), endIndex: bytes(answer.text.slice(0, segment.end)), text: segment.text }, groundingChunkIndices: [sources.indexOf(segment.source)] }]
        : [],
    ),
  };
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
    const thinking = (req.body.generationConfig as { thinkingConfig?: { thinkingLevel?: unknown; thinkingBudget?: unknown } } | undefined)?.thinkingConfig;
    if (thinking?.thinkingLevel !== undefined && thinking.thinkingBudget !== undefined) return error(400, 'You can only set only one of thinking budget and thinking level.');
    if (thinking?.thinkingLevel !== undefined && !isGemini3(model)) return error(400, 'Thinking level is not supported for this model.');
    if (isGemini3(model)) {
      const problem = checkSignatures(contents as Content[]);
      if (problem) return problem;
    }
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
  complete(answer, req) {
    const groundingMetadata = groundingOf(answer, req);
    const parts: Part[] = [];
    if (answer.reasoning) parts.push({ text: answer.reasoning, thought: true } as Part);
    if (answer.text) parts.push({ text: answer.text });
    parts.push(...callParts(answer));
    if (answer.finish === 'content_filter') {
      return { candidates: [{ finishReason: 'SAFETY', index: 0, safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH' }] }], usageMetadata: usageOf(answer), modelVersion: answer.model };
    }
    return {
      candidates: [{ content: { parts, role: 'model' }, finishReason: FINISH[answer.finish], index: 0, ...(groundingMetadata ? { groundingMetadata } : {}) }],
      usageMetadata: usageOf(answer),
      modelVersion: answer.model,
      responseId: 'mock-response',
    };
  },
  streamFrames(answer, req) {
    const groundingMetadata = groundingOf(answer, req);
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
        candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, finishReason: FINISH[answer.finish], index: 0, ...(groundingMetadata ? { groundingMetadata } : {}) }],
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
