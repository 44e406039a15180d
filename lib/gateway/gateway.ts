import { createCatalog, type Catalog } from '../catalog/catalog';
import { handleChatCompletions, type BeforeRequestHook } from './chat';
import { errorResponse, GatewayError } from './errors';
import { listModels } from './models';
import type { ProviderConfig } from './providers/types';
import type { UsageRecord } from './record';
import { DEFAULT_TIMEOUTS, type Timeouts } from './upstream';

export interface GatewayOptions {
  providers: ProviderConfig[];
  catalog?: Catalog;
  fetch?: typeof fetch;
  onRecord?: (record: UsageRecord) => void;
  beforeRequest?: BeforeRequestHook;
  timeouts?: Partial<Timeouts>;
  /** A monotonic clock in milliseconds; performance.now by default. */
  now?: () => number;
}

export interface Gateway {
  fetch(request: Request): Promise<Response>;
  readonly catalog: Catalog;
  readonly providers: readonly ProviderConfig[];
}

/**
 * Switchyard's gateway: a WHATWG fetch handler speaking the OpenAI API. It serves
 * POST …/chat/completions and GET …/models whatever the host and path prefix.
 */
export function createGateway(options: GatewayOptions): Gateway {
  const catalog = options.catalog ?? createCatalog();
  const deps = {
    providers: options.providers,
    catalog,
    fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)),
    now: options.now ?? (() => performance.now()),
    timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
    onRecord: options.onRecord,
    beforeRequest: options.beforeRequest,
  };

  async function handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname.replace(/\/+$/, '');
    if (path.endsWith('/chat/completions')) {
      if (request.method !== 'POST') return notAllowed('POST');
      return handleChatCompletions(request, deps);
    }
    if (path.endsWith('/models')) {
      if (request.method !== 'GET') return notAllowed('GET');
      const data = listModels(catalog, deps.providers);
      return new Response(JSON.stringify({ object: 'list', data }), { headers: { 'content-type': 'application/json' } });
    }
    return errorResponse(new GatewayError(404, 'not_found_error', 'unknown_route', `Switchyard serves POST /chat/completions and GET /models, not ${request.method} ${path || '/'}.`));
  }

  return { fetch: handle, catalog, providers: deps.providers };
}

function notAllowed(method: string): Response {
  return errorResponse(new GatewayError(405, 'invalid_request_error', 'method_not_allowed', `Use ${method} here.`), { allow: method });
}
