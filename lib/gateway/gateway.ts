import '../validation/messages';
import type { Catalog } from '../catalog/catalog';
import { costOf } from '../catalog/pricing';
import type { AutoTiers } from './auto-router';
import { autoTiersFrom, tierCandidate } from './auto-tiers';
import { handleChatCompletions, planMaxCost, type BeforeRequestHook, type ChatDeps } from './chat';
import { badRequest, errorResponse, GatewayError } from './errors';
import { HealthTracker, type HealthOptions, type HealthSnapshot } from './health';
import { ChatRequest } from './openai-schema';
import { planRequest, type AutoPreferences } from './plan';
import { listModels } from './models';
import type { ProviderConfig } from './providers/types';
import { resolveModelName } from './resolve';
import type { UsageRecord } from './record';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { approximateCounter, type TokenCounter } from './tokenizer';
import { DEFAULT_TIMEOUTS, type Timeouts } from './upstream';
import type { SearchProviderConfig } from './search-providers';

export interface GatewayOptions {
  providers: ProviderConfig[];
  /** Models and prices (lib/catalog); the snapshot shipped with Switchyard when left out. */
  catalog?: Catalog;
  fetch?: typeof fetch;
  /**
   * Called once per request when it ends: ok, error or aborted. A promise it returns holds a
   * stream's last events until it settles, so a stream never ends before its record is kept.
   */
  onRecord?: (record: UsageRecord) => unknown;
  beforeRequest?: BeforeRequestHook;
  /**
   * Called (and awaited) once a request is admitted, before anything is sent: the record so far,
   * status 'in_progress', for a write-ahead ledger. A throw refuses the request unsent.
   */
  onStart?: (record: UsageRecord) => void | Promise<void>;
  /** Called while an answer streams, at most every `progressEveryMs`: the record so far with usage estimated from the text streamed. */
  onProgress?: (record: UsageRecord) => void;
  progressEveryMs?: number;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryPolicy>;
  /** Provider health: a tracker to share, or a saved snapshot to start from. */
  health?: HealthTracker | { options?: HealthOptions; snapshot?: HealthSnapshot };
  /** A real tokenizer for prompt sizes; a character estimate by default. */
  tokenizer?: TokenCounter;
  /** Models per tier for model "auto"; derived from the catalog (ranks and prices) when left out. */
  autoTiers?: AutoTiers;
  /** Per kind of prompt (`promptKind`), models `auto` tries first within a tier: the user's own winners (or a function giving them as they are now). */
  autoPreferences?: AutoPreferences;
  /** A monotonic clock in milliseconds; performance.now by default. */
  now?: () => number;
  /**
   * Keep each request's details in its final record (`details`): the body received, each
   * attempt's request as its provider got it (no key) and error answer, and the answer.
   */
  keepDetails?: boolean;
  /** A web search service (Brave, Tavily, Exa) for requests that ask for search of models that have none. */
  search?: SearchProviderConfig;
}

export interface CostEstimate {
  promptTokens: number;
  /** The most the request can cost at its first candidate (prompt plus the output ceiling). */
  maxCost: number;
  /** What the prompt alone costs at each candidate, in order. */
  candidates: { provider: string; model: string; promptCost: number | null }[];
  route: string;
}

export interface Gateway {
  fetch(request: Request): Promise<Response>;
  /** What a request would cost and where it would go, without sending it. */
  estimate(body: unknown): CostEstimate;
  /** The same for an embeddings request: its tokens and the most it can cost. */
  estimateEmbeddings(body: unknown): Promise<{ promptTokens: number; maxCost: number }>;
  readonly catalog: Catalog;
  readonly providers: readonly ProviderConfig[];
  readonly health: HealthTracker;
}

/**
 * Serves POST …/responses (OpenAI's Responses API, over the same routing). The gateway takes it as
 * an option so that a host whose callers all speak chat completions (the extension's worker) does
 * not carry it; `createGateway` and the team gateway serve it (see ./responses/endpoint.ts).
 */
export type ResponsesEndpoint = (request: Request, deps: ChatDeps) => Promise<Response>;

/** Serves POST …/messages and …/messages/count_tokens (Anthropic's Messages API), given like the Responses endpoint (./messages/endpoint.ts). */
export type MessagesEndpoint = (request: Request, deps: ChatDeps) => Promise<Response>;

/**
 * Switchyard's gateway: a WHATWG fetch handler speaking the OpenAI API. It serves
 * POST …/chat/completions, POST …/embeddings, GET …/models and, when given its endpoint,
 * POST …/responses, whatever the host and path prefix. This is the core,
 * which takes its catalog and trusts its options; `createGateway` (./index.ts) checks them and
 * supplies the bundled catalog. The extension's worker, which reads its catalog from a data file,
 * uses the core and so does not carry the snapshot in its code.
 */
export function createGatewayWith(options: GatewayOptions & { catalog: Catalog; responses?: ResponsesEndpoint; messages?: MessagesEndpoint }): Gateway {
  const catalog = options.catalog;
  const health =
    options.health instanceof HealthTracker ? options.health : new HealthTracker(options.health?.options, options.health?.snapshot);
  let tiers: AutoTiers | undefined;
  const deps = {
    providers: options.providers,
    catalog,
    health,
    tokenizer: options.tokenizer ?? approximateCounter,
    // Derived when a request first asks for auto, not while a cold worker builds its gateway.
    get tiers() {
      return (tiers ??= options.autoTiers ?? catalogTiers(catalog, options.providers));
    },
    preferred: options.autoPreferences,
    fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)),
    now: options.now ?? (() => performance.now()),
    timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
    retry: { ...DEFAULT_RETRY, ...options.retry },
    onRecord: options.onRecord,
    beforeRequest: options.beforeRequest,
    onStart: options.onStart,
    onProgress: options.onProgress,
    progressEveryMs: options.progressEveryMs ?? 500,
    keepDetails: options.keepDetails ?? false,
    search: options.search,
  };

  function estimate(body: unknown): CostEstimate {
    const parsed = ChatRequest.safeParse(body);
    if (!parsed.success) throw badRequest(`Invalid request: ${parsed.error.issues[0]?.message ?? 'bad body'}`);
    const plan = planRequest(parsed.data, deps);
    return {
      promptTokens: plan.promptTokens,
      maxCost: planMaxCost(plan),
      candidates: plan.candidates.map((c) => ({
        provider: c.provider.id,
        model: c.model,
        promptCost: c.entry && !c.entry.model.unpriced ? costOf({ prompt: plan.promptTokens, completion: 0, cached: 0, cacheWrite: 0 }, c.entry.pricing, new Date()) : null,
      })),
      route: plan.route,
    };
  }

  async function estimateEmbeddings(body: unknown) {
    const [{ planEmbeddings }, { EmbeddingRequest }] = await Promise.all([import('./embeddings'), import('./embeddings-schema')]);
    const parsed = EmbeddingRequest.safeParse(body);
    if (!parsed.success) throw badRequest(`Invalid request: ${parsed.error.issues[0]?.message ?? 'bad body'}`);
    const { promptTokens, maxCost } = planEmbeddings(parsed.data, deps);
    return { promptTokens, maxCost };
  }

  async function handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname.replace(/\/+$/, '');
    if (path.endsWith('/chat/completions')) {
      if (request.method !== 'POST') return notAllowed('POST');
      return handleChatCompletions(request, deps);
    }
    if (options.responses && (path.endsWith('/responses') || /\/responses\/[^/]+(\/input_items)?$/.test(path))) return options.responses(request, deps);
    if ((path.endsWith('/messages') || path.endsWith('/messages/count_tokens')) && options.messages) {
      if (request.method !== 'POST') return notAllowed('POST');
      return options.messages(request, deps);
    }
    if (path.endsWith('/embeddings')) {
      if (request.method !== 'POST') return notAllowed('POST');
      // Loaded when first asked for, so a cold worker answering a chat does not evaluate it.
      const { handleEmbeddings } = await import('./embeddings');
      return handleEmbeddings(request, deps);
    }
    if (path.endsWith('/models')) {
      if (request.method !== 'GET') return notAllowed('GET');
      const data = listModels(catalog, deps.providers);
      return new Response(JSON.stringify({ object: 'list', data }), { headers: { 'content-type': 'application/json' } });
    }
    const routes = `POST /chat/completions${options.responses ? ', POST /responses' : ''}${options.messages ? ', POST /messages' : ''}, POST /embeddings and GET /models`;
    return errorResponse(new GatewayError(404, 'not_found_error', 'unknown_route', `This Switchyard gateway serves ${routes}, not ${request.method} ${path || '/'}.`));
  }

  return { fetch: handle, estimate, estimateEmbeddings, catalog, providers: deps.providers, health };
}

/** `auto`'s tiers from the catalog's models that a configured provider can serve (ranks and prices). */
function catalogTiers(catalog: Catalog, providers: ProviderConfig[]): AutoTiers {
  const servable = catalog.all().filter((m) => resolveModelName(m.id, providers, catalog).length > 0);
  return autoTiersFrom(servable.map(tierCandidate));
}

function notAllowed(method: string): Response {
  return errorResponse(new GatewayError(405, 'invalid_request_error', 'method_not_allowed', `Use ${method} here.`), { allow: method });
}
