import { WireError, type MockRequest } from './wire';

/**
 * The embeddings endpoints of the formats that have one, with the rules the real APIs enforce.
 * Shapes as recorded in test/fixtures/<format>/embeddings.json (sources named there). Vectors are
 * deterministic (from each text) and unit length, as the real models' are.
 */

/** Each model's vector length, and whether it takes a shorter one on request. */
const OPENAI_MODELS: Record<string, { dimensions: number; flexible: boolean }> = {
  'text-embedding-3-small': { dimensions: 1536, flexible: true },
  'text-embedding-3-large': { dimensions: 3072, flexible: true },
  'text-embedding-ada-002': { dimensions: 1536, flexible: false },
  'mistral-embed': { dimensions: 1024, flexible: false },
};
const GEMINI_MODELS: Record<string, number> = { 'gemini-embedding-001': 3072 };
const OLLAMA_MODELS: Record<string, number> = { 'nomic-embed-text': 768, 'mxbai-embed-large': 1024 };
const OLLAMA_CHAT_MODELS = ['llama3.2', 'llama3.2:latest', 'qwen2.5-coder:7b', 'gemma3:4b', 'llama3.2:1b'];

export const EMBEDDING_ROUTES = {
  openai: /^\/v1\/embeddings$/,
  gemini: /^\/v1beta\/models\/[^/:]+:batchEmbedContents$/,
  ollama: /^\/api\/embed$/,
  azure: /^\/openai\/deployments\/[^/]+\/embeddings$/,
  bedrock: /^\/model\/[^/]+\/invoke$/,
} as const;

/** A unit vector that depends only on the text (and its length), so equal texts embed equally. */
export function mockVector(text: string, dimensions: number): number[] {
  let seed = 2166136261;
  for (const char of text) seed = Math.imul(seed ^ char.codePointAt(0)!, 16777619) >>> 0;
  const values = Array.from({ length: dimensions }, () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 31 - 1;
  });
  const norm = Math.hypot(...values) || 1;
  return values.map((v) => Math.fround(v / norm));
}

export const mockTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function openAiError(status: number, message: string, code: string | null = null, param: string | null = null) {
  const type = status === 401 || status === 400 || status === 404 ? 'invalid_request_error' : 'server_error';
  return new WireError(status, { error: { message, type, param, code } });
}

/** POST /v1/embeddings (https://platform.openai.com/docs/api-reference/embeddings/create). */
export function openAiEmbed(req: MockRequest): unknown {
  const auth = req.headers.authorization;
  if (!auth || !/^Bearer \S+/.test(auth)) return openAiError(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.");
  if (/bad/.test(auth)) return openAiError(401, `Incorrect API key provided: ${auth.slice(7, 14)}***.`, 'invalid_api_key');
  const { model, input, dimensions, encoding_format: format } = req.body as { model?: unknown; input?: unknown; dimensions?: unknown; encoding_format?: unknown };
  if (typeof model !== 'string') return openAiError(400, 'you must provide a model parameter', null, 'model');
  const known = OPENAI_MODELS[model];
  if (!known) return openAiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'model_not_found');
  const texts = typeof input === 'string' ? [input] : Array.isArray(input) ? input : [];
  if (texts.length === 0 || texts.some((t) => (typeof t === 'string' ? t.length === 0 : !Array.isArray(t) && typeof t !== 'number'))) {
    return openAiError(400, "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.");
  }
  if (format !== undefined && format !== 'float' && format !== 'base64') return openAiError(400, `Invalid value: '${String(format)}'. Supported values are: 'float' and 'base64'.`, 'invalid_value', 'encoding_format');
  if (dimensions !== undefined && !known.flexible) return openAiError(400, 'This model does not support specifying dimensions.');
  const size = typeof dimensions === 'number' ? dimensions : known.dimensions;
  const strings = texts.every((t) => typeof t === 'string') ? (texts as string[]) : [JSON.stringify(texts)];
  const tokens = strings.reduce((sum, t) => sum + mockTokens(t), 0);
  return {
    object: 'list',
    data: strings.map((text, index) => {
      const vector = mockVector(text, size);
      return { object: 'embedding', index, embedding: format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector };
    }),
    model: model === 'text-embedding-3-small' ? 'text-embedding-3-small' : model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

const GEMINI_STATUS: Record<number, string> = { 400: 'INVALID_ARGUMENT', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND' };
const geminiError = (code: number, message: string) => new WireError(code, { error: { code, message, status: GEMINI_STATUS[code] ?? 'UNKNOWN' } });

/** POST /v1beta/models/{model}:batchEmbedContents (https://ai.google.dev/api/embeddings#method:-models.batchembedcontents). */
export function geminiEmbed(req: MockRequest): unknown {
  const key = (req.headers['x-goog-api-key'] as string | undefined) ?? req.query.get('key');
  if (!key) return geminiError(403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
  if (/bad/.test(key)) return geminiError(400, 'API key not valid. Please pass a valid API key.');
  const model = /models\/([^:/]+):/.exec(req.path)?.[1] ?? '';
  const size = GEMINI_MODELS[model];
  if (!size) return geminiError(404, `models/${model} is not found for API version v1beta, or is not supported for embedContent. Call ListModels to see the list of available models and their supported methods.`);
  const requests = req.body.requests as { model?: string; content?: { parts?: { text?: string }[] }; outputDimensionality?: number }[] | undefined;
  if (!Array.isArray(requests) || requests.length === 0) return geminiError(400, '* BatchEmbedContentsRequest.requests: requests is not specified');
  const embeddings = [];
  for (const [i, r] of requests.entries()) {
    if (r.model !== `models/${model}`) return geminiError(400, `Model names should match. requests[${i}].model: ${r.model} does not match models/${model}.`);
    const text = (r.content?.parts ?? []).map((p) => p.text ?? '').join('');
    if (!text) return geminiError(400, `* BatchEmbedContentsRequest.requests[${i}].content.parts: contents.parts must not be empty.`);
    embeddings.push({ values: mockVector(text, r.outputDimensionality ?? size) });
  }
  return { embeddings };
}

/** POST /api/embed (https://github.com/ollama/ollama/blob/main/docs/api.md#generate-embeddings). */
export function ollamaEmbed(req: MockRequest): unknown {
  const { model, input, dimensions } = req.body as { model?: unknown; input?: unknown; dimensions?: unknown };
  if (typeof model !== 'string' || !model) return new WireError(400, { error: 'model is required' });
  if (OLLAMA_CHAT_MODELS.includes(model)) return new WireError(400, { error: 'this model does not support embeddings' });
  const size = OLLAMA_MODELS[model.replace(/:latest$/, '')];
  if (!size) return new WireError(404, { error: `model "${model}" not found, try pulling it first` });
  const texts = typeof input === 'string' ? [input] : Array.isArray(input) ? (input as unknown[]) : [];
  if (texts.some((t) => typeof t !== 'string')) return new WireError(400, { error: 'invalid input type' });
  const strings = texts as string[];
  return {
    model,
    embeddings: strings.map((t) => mockVector(t, typeof dimensions === 'number' ? dimensions : size)),
    total_duration: 14_143_917,
    load_duration: 1_019_500,
    prompt_eval_count: strings.reduce((sum, t) => sum + mockTokens(t), 0),
  };
}
