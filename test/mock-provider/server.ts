import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { anthropicWire } from './anthropic';
import { azureEmbed, azureWire } from './azure';
import { bedrockEmbed, bedrockWire, checkSignature } from './bedrock';
import { buildAnswer, type MockBehavior } from './behavior';
import { geminiWire } from './gemini';
import { ollamaShow, ollamaWire } from './ollama';
import { lmStudioRestModels, openAiWire } from './openai';
import { openAiResponsesWire } from './openai-responses';
import { perplexityAgentWire } from './perplexity-agent';
import { resultPage, searchServiceAnswer } from './search-services';
import { EMBEDDING_ROUTES, geminiEmbed, ollamaEmbed, openAiEmbed } from './embeddings';
import { OPENROUTER_MODEL_LIST } from './openrouter-models';
import { sendJson, WireError, type MockRequest, type WireFormat } from './wire';

export type { MockBehavior, Fault } from './behavior';
export type { MockRequest } from './wire';

export type Format = 'openai' | 'anthropic' | 'gemini' | 'ollama' | 'azure' | 'bedrock';

const WIRES: Record<Format, WireFormat> = { openai: openAiWire, anthropic: anthropicWire, gemini: geminiWire, ollama: ollamaWire, azure: azureWire, bedrock: bedrockWire };

/** Paths each format serves, after the /<format> (or /t/<target>/<format>) prefix. */
const ROUTES: Record<Format, { chat: RegExp; models: RegExp }> = {
  openai: { chat: /^\/v1\/(chat\/completions|responses|agent)$/, models: /^\/v1\/models$/ },
  anthropic: { chat: /^\/v1\/messages$/, models: /^\/v1\/models$/ },
  gemini: { chat: /^\/v1beta\/models\/[^/:]+:(generateContent|streamGenerateContent)$/, models: /^\/v1beta\/models$/ },
  ollama: { chat: /^\/api\/chat$/, models: /^\/api\/tags$/ },
  azure: { chat: /^\/openai\/deployments\/[^/]+\/chat\/completions$/, models: /^\/openai\/models$/ },
  bedrock: { chat: /^\/model\/[^/]+\/(converse|converse-stream)$/, models: /^\/foundation-models$/ },
};

const EMBEDDERS: Partial<Record<Format, (req: MockRequest) => unknown>> = { openai: openAiEmbed, gemini: geminiEmbed, ollama: ollamaEmbed, azure: azureEmbed, bedrock: bedrockEmbed };

const PREFIX = /^(?:\/t\/([^/]+))?\/(openai|anthropic|gemini|ollama|azure|bedrock)(\/.*)$/;

export interface MockProvider {
  url: string;
  /** The base URL a provider config should use for a format (and, optionally, a named target). */
  baseUrl(format: Format, target?: string): string;
  /** Queues behaviours for the next matching requests of a format. */
  script(format: Format, ...behaviors: MockBehavior[]): void;
  /** Every chat and embeddings request received, in order. */
  requests: MockRequest[];
  reset(): void;
  close(): Promise<void>;
}

/** The base URL a provider config should use for a format (and, optionally, a named target) of the mock at `url`. */
export function mockBaseUrl(url: string, format: Format, target?: string): string {
  const root = target ? `${url}/t/${target}/${format}` : `${url}/${format}`;
  return format === 'openai' ? `${root}/v1` : root;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A loopback server that speaks OpenAI, Anthropic, Gemini and Ollama wire formats, with scripted faults. */
export async function startMockProvider(port = 0): Promise<MockProvider> {
  const scripts: { format: Format; behavior: MockBehavior; left: number }[] = [];
  const requests: MockRequest[] = [];
  const sockets = new Set<Socket>();
  /** What a provider with a prompt cache has cached (Claude's, emulated by its wire format). */
  const promptCache = new Set<string>();

  function takeScript(format: Format, target: string | undefined, model: string, offersTools = false): MockBehavior {
    const index = scripts.findIndex(
      (s) =>
        s.format === format &&
        (!s.behavior.target || s.behavior.target === target) &&
        (!s.behavior.model || s.behavior.model === model) &&
        (!s.behavior.whenToolsOffered || offersTools),
    );
    if (index < 0) return {};
    const script = scripts[index]!;
    if (--script.left <= 0) scripts.splice(index, 1);
    return script.behavior;
  }

  /** Whether a request offers the model function tools, in any provider's shape. */
  const offersTools = (body: Record<string, unknown>) => Array.isArray(body.tools) && body.tools.length > 0 && JSON.stringify(body.tools).includes('"name"');

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/__mock/')) return control(url, req, res);
    if (url.pathname === '/openrouter/api/v1/models') return sendJson(res, 200, OPENROUTER_MODEL_LIST);
    if (url.pathname.startsWith('/web/')) {
      const page = resultPage(url.pathname);
      requests.push({ format: 'openai', target: 'web', method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: {}, raw: '', rawPath: url.pathname });
      if (!page) return sendJson(res, 404, { error: `no page at ${url.pathname}` });
      res.writeHead(200, { 'content-type': page.type, 'content-length': page.body.length });
      return void res.end(page.body);
    }
    const searched = searchServiceAnswer(url.pathname, req.method ?? 'GET', req.headers, api.url);
    if (searched) {
      const text = req.method === 'POST' ? await readBody(req) : '';
      requests.push({ format: 'openai', target: 'search', method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, raw: text, rawPath: url.pathname });
      return sendJson(res, searched.status, searched.body);
    }
    const match = PREFIX.exec(url.pathname);
    if (!match) return sendJson(res, 404, { error: `no mock route for ${req.method} ${url.pathname}` });
    const [, target, formatName, rest] = match;
    const format = formatName as Format;
    const wire = format === 'openai' && rest === '/v1/responses' ? openAiResponsesWire : format === 'openai' && (rest === '/v1/agent' || target === 'perplexity') ? perplexityAgentWire : WIRES[format];
    const text = req.method === 'POST' ? await readBody(req) : '';
    let body: Record<string, unknown> = {};
    if (text) {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return sendJson(res, 400, wire.errorBody(400, 'The request body is not valid JSON.'));
      }
    }
    const mockRequest: MockRequest = { format, target, method: req.method ?? 'GET', path: rest!, query: url.searchParams, headers: req.headers, body, raw: text, rawPath: url.pathname };

    // AWS checks the signature before anything else in the request.
    const unsigned = format === 'bedrock' ? await checkSignature(mockRequest) : undefined;
    if (unsigned) return sendJson(res, unsigned.status, unsigned.body, unsigned.headers);
    // Each server's own model details: Ollama's /api/show, LM Studio's REST API beside its OpenAI one.
    if (format === 'ollama' && req.method === 'POST' && rest === '/api/show') {
      const shown = ollamaShow(body);
      return shown instanceof WireError ? sendJson(res, shown.status, shown.body) : sendJson(res, 200, shown);
    }
    if (format === 'openai' && target === 'lmstudio' && req.method === 'GET' && rest === '/api/v1/models') return sendJson(res, 200, lmStudioRestModels());
    if (req.method === 'GET' && ROUTES[format].models.test(rest!)) {
      const list = wire.listModels(mockRequest);
      return list instanceof WireError ? sendJson(res, list.status, list.body) : sendJson(res, 200, list);
    }
    const embed = EMBEDDERS[format];
    if (req.method === 'POST' && embed && EMBEDDING_ROUTES[format as keyof typeof EMBEDDING_ROUTES].test(rest!)) {
      requests.push(mockRequest);
      const model = typeof body.model === 'string' ? body.model : (/models\/([^:/]+):/.exec(rest!)?.[1] ?? '');
      const fault = takeScript(format, target, model).fault;
      if (fault?.type === 'status') return sendJson(res, fault.status, wire.errorBody(fault.status, fault.message ?? `Mock fault ${fault.status}`));
      if (fault?.type === 'refuse') return void req.socket.destroy();
      const answer = embed(mockRequest);
      return answer instanceof WireError ? sendJson(res, answer.status, answer.body, answer.headers) : sendJson(res, 200, answer);
    }
    if (req.method !== 'POST' || !ROUTES[format].chat.test(rest!)) {
      return sendJson(res, 404, wire.errorBody(404, `Unknown route ${req.method} ${rest}`));
    }
    requests.push(mockRequest);

    const checked = wire.check(mockRequest);
    if (checked instanceof WireError) return sendJson(res, checked.status, checked.body, checked.headers);
    const behavior = takeScript(format, target, checked.model, offersTools(mockRequest.body));
    const prompt = wire.promptText(mockRequest);
    const built = buildAnswer(behavior, checked.model, prompt.all, prompt.lastUser, format);
    const answer = wire.adjust ? wire.adjust(built, mockRequest, promptCache) : built;
    const fault = answer.fault;

    if (fault?.type === 'refuse') return void req.socket.destroy();
    if (fault?.type === 'hang') return;
    if (fault?.type === 'delay') await sleep(fault.ms);
    if (fault?.type === 'status') {
      const headers: Record<string, string> = fault.retryAfter ? { 'retry-after': fault.retryAfter } : {};
      return sendJson(res, fault.status, wire.errorBody(fault.status, fault.message ?? `Mock fault ${fault.status}`), headers);
    }

    if (!wire.isStream(mockRequest)) {
      const json = JSON.stringify(wire.complete(answer, mockRequest));
      if (fault?.type === 'cut') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(json.length) });
        res.write(json.slice(0, json.length >> 1));
        return void setTimeout(() => res.socket?.destroy(), 5);
      }
      if (fault?.type === 'malformed') return sendJson(res, 200, undefined, {}, json.slice(0, -3));
      return sendJson(res, 200, wire.complete(answer, mockRequest));
    }

    res.writeHead(200, { 'content-type': wire.contentType, 'cache-control': 'no-cache' });
    const frames = wire.streamFrames(answer, mockRequest);
    const breakAt =
      fault && 'afterChunks' in fault ? Math.min(fault.afterChunks ?? 1, frames.length - 1) : fault?.type === 'malformed' ? 1 : frames.length;
    for (const [i, frame] of frames.entries()) {
      if (i === breakAt && fault) {
        if (fault.type === 'stall') await sleep(fault.ms);
        if (fault.type === 'cut') {
          // Let what was written reach the client before the connection drops.
          await sleep(20);
          return void res.socket?.destroy();
        }
        if (fault.type === 'malformed') return void res.end(wire.malformed);
        if (fault.type === 'stream-error') return void res.end(wire.streamError(fault.message ?? 'Mock overloaded mid-stream'));
      }
      if (res.destroyed) return;
      res.write(frame);
      if (answer.chunkDelayMs > 0 && i < frames.length - 1) await sleep(answer.chunkDelayMs);
    }
    res.end();
  }

  async function control(url: URL, req: IncomingMessage, res: ServerResponse) {
    if (url.pathname === '/__mock/script' && req.method === 'POST') {
      const { format, behaviors } = JSON.parse(await readBody(req)) as { format: Format; behaviors: MockBehavior[] };
      api.script(format, ...behaviors);
      return sendJson(res, 200, { ok: true });
    }
    if (url.pathname === '/__mock/requests') {
      return sendJson(res, 200, requests.map(({ format, target, path, body }) => ({ format, target, path, body })));
    }
    if (url.pathname === '/__mock/reset' && req.method === 'POST') {
      api.reset();
      return sendJson(res, 200, { ok: true });
    }
    return sendJson(res, 404, { error: 'unknown control route' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(error) });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Idle connections are kept as long as a busy client may leave them between requests: closed at
  // Node's default 5 s, a connection a load test's gateway is about to reuse drops its request.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // A deep accept queue: load tests open a thousand connections at once.
  await new Promise<void>((resolve) => server.listen({ port, host: '127.0.0.1', backlog: 4096 }, resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api: MockProvider = {
    url,
    baseUrl: (format, target) => mockBaseUrl(url, format, target),
    script(format, ...behaviors) {
      for (const behavior of behaviors) scripts.push({ format, behavior, left: behavior.times ?? 1 });
    },
    requests,
    reset() {
      scripts.length = 0;
      requests.length = 0;
      promptCache.clear();
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}
