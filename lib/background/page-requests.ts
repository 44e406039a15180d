import * as z from 'zod/mini';
import type { Gateway } from '../gateway/gateway';
import type { ResponseStore } from '../gateway/responses/store';
import { MessagingError } from '../messaging/rpc';
import { PageAccess } from '../page-api/access';
import { DEFAULT_PRESENCE, isPresent, PagePresence, PRESENCE_KEY, siteOf } from '../page-api/presence';
import type { PageFrame, PageKind } from '../page-api/protocol';
import type { KeyValueStore } from '../platform/key-value-store';
import { withRoutingDefaults, type RoutingSettings } from '../settings/routing';
import type { ChatChunk } from '../messaging/contracts';
import type { GatewayHolder } from './gateway-holder';
import type { ModelSummaries } from './model-summaries';
import { pageResponses } from './page-responses';
import { SITE_HEADER } from '../gateway/request-steps';

/** Registers the page API's scripts for the sites the user chose, and puts them into an open tab. */
export interface PageScripts {
  apply(presence: PagePresence): Promise<unknown>;
  tabUrl(tabId: number): Promise<string | undefined>;
  injectTab(tabId: number): Promise<void>;
}

export interface PageRequestDeps {
  local: KeyValueStore;
  session: KeyValueStore;
  now: () => number;
  pageScripts: PageScripts | undefined;
  gateways: GatewayHolder;
  responseStore: ResponseStore;
  loadRouting(): Promise<RoutingSettings>;
  modelSummaries(): Promise<ModelSummaries>;
  chat(body: Record<string, unknown>, source: string, signal: AbortSignal, site?: string): AsyncIterable<ChatChunk>;
}

/** Web pages' requests through `window.switchyard`, and the user's say over which sites may make them. */
export function createPageRequests(deps: PageRequestDeps) {
  const { local, pageScripts, gateways } = deps;
  const pageAccess = new PageAccess(local, deps.session, deps.now);

  async function loadPresence(): Promise<PagePresence> {
    return z.catch(PagePresence, DEFAULT_PRESENCE).parse((await local.get(PRESENCE_KEY)) ?? DEFAULT_PRESENCE);
  }

  /** A page's request answered whole by the gateway: its JSON, or its error as the page API's. */
  async function pageJson(gateway: Gateway, path: string, body: Record<string, unknown>, origin: string, signal: AbortSignal): Promise<unknown> {
    const response = await gateway.fetch(
      new Request(`http://switchyard.local/v1/${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', 'x-switchyard-source': 'page-api', [SITE_HEADER]: origin },
        signal,
      }),
    );
    const json = (await response.json()) as { error?: { code: string; message: string } };
    if (!response.ok || json.error) throw new MessagingError(json.error?.code ?? `http_${response.status}`, json.error?.message ?? 'The request failed.');
    return json;
  }

  /** A page's embeddings request, within the cost it may run up, answered as OpenAI does. */
  async function pageEmbeddings(request: Record<string, unknown>, costCap: number | null, origin: string, signal: AbortSignal): Promise<unknown> {
    const gateway = await gateways.current();
    if (costCap !== null) {
      const { maxCost } = await gateway.estimateEmbeddings(request);
      if (maxCost > costCap) {
        throw new MessagingError('cost_cap', `These embeddings could cost up to $${maxCost.toFixed(4)}, more than the $${costCap} you allowed this site per request.`);
      }
    }
    return pageJson(gateway, 'embeddings', request, origin, signal);
  }

  /**
   * A web page's request through `window.switchyard`, relayed by the content script. The origin
   * comes from the browser (the port's sender), never from the page.
   */
  async function* pageRequest(origin: string, tabId: number | undefined, kind: PageKind, body: unknown, signal: AbortSignal): AsyncIterable<PageFrame> {
    // Scripts registered before the user turned the page API off may linger in open tabs.
    if (!isPresent(await loadPresence(), origin)) {
      throw new MessagingError('page_api_off', `Switchyard's page API is off for ${origin}. Turn it on for this site in Switchyard's options or popup.`);
    }
    const requested = typeof (body as { model?: unknown })?.model === 'string' ? (body as { model: string }).model : null;
    const access = await pageAccess.check(origin, tabId);
    if (kind === 'access') {
      if (!access.ok && access.code === 'permission_required') await pageAccess.ask(origin, tabId, requested);
      yield { t: 'result', data: { status: access.ok ? 'allowed' : access.code === 'permission_denied' ? 'denied' : 'pending' } };
      return;
    }
    if (!access.ok) {
      if (access.code === 'permission_required') await pageAccess.ask(origin, tabId, requested);
      throw new MessagingError(access.code, access.message);
    }
    if (kind === 'models') {
      const { models, embeddingModels } = await deps.modelSummaries();
      const usable = [...models, ...embeddingModels].filter((m) => m.providers.length > 0 && (!access.model || m.id === access.model));
      yield {
        t: 'result',
        data: { object: 'list', data: usable.map((m) => ({ id: m.id, object: 'model', owned_by: m.author, name: m.name, context_length: m.contextLength })) },
      };
      return;
    }
    if (kind === 'responses') {
      yield* pageResponses({ gateway: () => gateways.current(), store: deps.responseStore }, origin, access, body, signal);
      return;
    }
    const request = (body ?? {}) as Record<string, unknown>;
    if (access.model && request.model !== access.model) {
      throw new MessagingError('model_not_allowed', `This site may use only ${access.model}, as you allowed it.`);
    }
    if (kind === 'embeddings') {
      yield { t: 'result', data: await pageEmbeddings(request, access.costCap, origin, signal) };
      return;
    }
    if (access.costCap !== null) {
      const estimate = (await gateways.current()).estimate({ ...request, stream: false });
      if (estimate.maxCost > access.costCap) {
        throw new MessagingError(
          'cost_cap',
          `This request could cost up to $${estimate.maxCost.toFixed(4)}, more than the $${access.costCap} you allowed this site per request. Ask for fewer tokens (max_tokens).`,
        );
      }
    }
    if (request.stream) {
      for await (const chunk of deps.chat(request, 'page-api', signal, origin)) yield { t: 'chunk', data: chunk };
      return;
    }
    yield { t: 'result', data: await pageJson(await gateways.current(), 'chat/completions', withRoutingDefaults(request, await deps.loadRouting()), origin, signal) };
  }

  const calls = {
    'pageApi.pending': () => pageAccess.pending(),
    'pageApi.permissions': () => pageAccess.permissions(),
    'pageApi.decide': async ({ origin, decision, model, costCap }: { origin: string; decision: 'once' | 'always' | 'deny'; model: string | null; costCap: number | null }) => {
      await pageAccess.decide(origin, decision, model, costCap);
      return {};
    },
    'pageApi.revoke': async ({ origin }: { origin: string }) => {
      await pageAccess.revoke(origin);
      return {};
    },
    'pageApi.presence': loadPresence,
    'pageApi.setPresence': async (presence: PagePresence) => {
      const valid = PagePresence.parse({ ...presence, sites: [...new Set(presence.sites)] });
      await pageScripts?.apply(valid);
      await local.set(PRESENCE_KEY, valid);
      return valid;
    },
    'pageApi.injectTab': async ({ tabId }: { tabId: number }) => {
      if (!pageScripts) return {};
      const origin = siteOf(await pageScripts.tabUrl(tabId));
      if (!origin || !isPresent(await loadPresence(), origin)) throw new MessagingError('page_api_off', 'The page API is not on for this tab’s site.');
      await pageScripts.injectTab(tabId);
      return {};
    },
  };

  return {
    pageRequest,
    calls,
    /** Registers the page API's scripts as the saved setting says (after install, update or browser start). */
    async syncPageScripts(): Promise<void> {
      await pageScripts?.apply(await loadPresence());
    },
  };
}
