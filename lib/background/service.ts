import * as z from 'zod/mini';
import { BudgetGuard } from '../budgets/guard';
import { BudgetSettings, DEFAULT_BUDGETS } from '../budgets/settings';
// The gateway's modules, not its index: the index carries the bundled catalog, which the worker
// reads from a data file instead.
import { createGatewayWith, type Gateway } from '../gateway/gateway';
import { responsesEndpointWith } from '../gateway/responses/endpoint';
import { idbResponseStore, pruneResponses } from '../ledger/responses-store';
import { OWNER_HEADER, pageResponses } from './page-responses';
import { HealthSnapshot, HealthTracker } from '../gateway/health';
import type { UsageRecord } from '../gateway/record';
import { approximateCounter, lazyCounter, type TokenCounter } from '../gateway/tokenizer';
import { hasInstalled, servesUnderOwnName } from '../gateway/resolve';
import type { ProviderConfig } from '../gateway/providers/types';
import { listProviderModels } from '../gateway/providers';
import { servesCatalog } from '../gateway/providers/presets';
import { teamBudget } from '../team/key-status';
import { sseEvents } from '../gateway/providers/shared/streams';
import { mergeProviderModels } from '../catalog/provider-models';
import { CHROME_AI_MODEL, createChromeAiFetch, withChromeAi } from '../gateway/chrome-ai/fetch';
import type { Availability, PromptApi } from '../gateway/chrome-ai/prompt-api';
import { detectLocalServers } from '../gateway/local-detect';
import { refreshCatalog } from '../gateway/refresh-catalog';
import { lastHealthSnapshot, saveHealthSnapshot } from '../ledger/health-store';
import type { WorkerLedger } from '../ledger/worker-db';
import { PageAccess } from '../page-api/access';
import type { PageFrame, PageKind } from '../page-api/protocol';
import { DEFAULT_PRESENCE, isPresent, PagePresence, PRESENCE_KEY, siteOf } from '../page-api/presence';
import { beginRequest, listRequests, progressRequest, recordRequest, settleInterrupted, spentBetween } from '../ledger/ledger';
import { dashboardSummary } from '../ledger/summary';
import { DEFAULT_RETENTION, pruneRequests, RETENTION_KEY, RetentionSettings, retentionCutoff } from '../ledger/retention';
import { parseBackup, type SettingsBackup } from '../settings/backup';
import { DEFAULT_ROUTING, RoutingSettings, withRoutingDefaults } from '../settings/routing';
import type { PromptKind } from '../gateway/prompt-kind';
import { learning, preferredByKind, type LearnFromVotes } from '../ranking/preferences';
import { storedVotes } from '../ranking/stored-votes';
import type { ChatChunk, ModelSummary } from '../messaging/contracts';
import { MessagingError } from '../messaging/rpc';
import type { DeviceKeyStore } from '../platform/device-key';
import type { KeyValueStore } from '../platform/key-value-store';
import { Vault, VaultError } from '../vault/vault';
import { createCatalogStore } from './catalog-store';
import { storedSetting } from './stored-setting';
import { providerHealth } from './health-view';
import { isEmbeddingModel, type CatalogSnapshot, type ProviderPriceSource } from '../catalog/schema';
import { createCatalog } from '../catalog/catalog';
import { withSetWindows } from '../catalog/set-windows';
import { fitPage } from './page-fit';

export interface BackgroundDeps {
  local: KeyValueStore;
  session: KeyValueStore;
  /** Where the key that encrypts the vault lives (the extension's IndexedDB). */
  deviceKeys: DeviceKeyStore;
  /** The ledger, opened when first needed (and again if its connection ended). */
  db: () => Promise<WorkerLedger>;
  fetch: typeof fetch;
  version: string;
  /** Chrome's built-in model (the Prompt API), where the browser has it. */
  promptApi?: PromptApi;
  /** Where to look for local servers; their default ports otherwise. */
  localServers?: { ollama?: string; lmstudio?: string };
  /** A real tokenizer, loaded when first needed. */
  tokenizer?: () => Promise<TokenCounter>;
  /** Registers the page API's scripts for the sites the user chose, and puts them into an open tab. */
  pageScripts?: { apply(presence: PagePresence): Promise<unknown>; tabUrl(tabId: number): Promise<string | undefined>; injectTab(tabId: number): Promise<void> };
  /** The catalog shipped with the extension (a data file, kept out of the worker's code), loaded when first needed. */
  bundledCatalog: () => Promise<CatalogSnapshot>;
  now?: () => number;
}

const BUDGETS_KEY = 'budgets';
const ROUTING_KEY = 'routing';
/** The models each local server (Ollama, LM Studio) has installed, as last listed. */
const INSTALLED_KEY = 'installedModels';
const HEALTH_SAVE_EVERY_MS = 5_000;

/** Providers with what each local server has installed, as last listed: the gateway routes to no other model on them. */
function withInstalled(providers: ProviderConfig[], installed: Record<string, string[]>): ProviderConfig[] {
  return providers.map((p) => (installed[p.id] ? { ...p, installed: installed[p.id] } : p));
}

function asMessagingError(error: unknown): MessagingError {
  if (error instanceof MessagingError) return error;
  if (error instanceof VaultError) return new MessagingError(error.code, error.message);
  const e = error as { code?: unknown; message?: unknown };
  return new MessagingError(typeof e?.code === 'string' ? e.code : 'internal_error', typeof e?.message === 'string' ? e.message : String(error));
}

/**
 * Switchyard's server side: the vault, the gateway, the ledger, budgets and health. Pure of
 * browser APIs (storage, IndexedDB and fetch come in), so it runs in Node tests unchanged.
 */
export function createBackgroundService(deps: BackgroundDeps) {
  const now = deps.now ?? Date.now;
  const fetchAll = withChromeAi(deps.fetch, deps.promptApi && createChromeAiFetch(deps.promptApi));
  const startedAt = now();
  const vault = new Vault(deps.local, deps.session, deps.deviceKeys, now);
  const catalogs = createCatalogStore(deps.local, deps.bundledCatalog);
  let health = new HealthTracker();
  let gateway: Promise<Gateway> | undefined;
  let lastHealthSave = 0;
  const pendingWrites = new Set<Promise<unknown>>();
  // The real tokenizer loads only when a count decides something (a window is near): it costs
  // hundreds of milliseconds, which a cold worker's first request should not pay for nothing.
  const counter = deps.tokenizer ? lazyCounter(deps.tokenizer) : approximateCounter;

  // A worker starts by settling what the last one left running, so budgets count it before any
  // new request is admitted; health comes back from its last snapshot.
  // It runs once, when the background starts it or when anything first needs it. A new request's
  // row cannot overtake the settling: IndexedDB runs the two read-write transactions in order.
  let starting: { settled: Promise<unknown>; healthRestored: Promise<unknown> } | undefined;
  const startOnce = () =>
    (starting ??= {
      settled: deps.db().then(settleInterrupted).catch((error: unknown) => console.error('Switchyard could not settle interrupted requests', error)),
      healthRestored: (async () => {
        const snapshot = HealthSnapshot.safeParse(await lastHealthSnapshot(await deps.db()));
        if (snapshot.success) health = new HealthTracker({}, snapshot.data);
      })().catch(() => undefined),
    });
  const ready = () => Promise.all([startOnce().settled, startOnce().healthRestored]);

  const budgets = new BudgetGuard(
    () => loadBudgets(),
    async (from, to, provider) => {
      await ready();
      return spentBetween(await deps.db(), from, to, provider);
    },
    now,
  );

  function track(write: Promise<unknown>): void {
    const tracked = write.finally(() => pendingWrites.delete(tracked));
    pendingWrites.add(tracked);
  }

  async function onStart(record: UsageRecord): Promise<void> {
    await beginRequest(await deps.db(), record, budgets.held(record.id) ?? 0, now());
  }

  function onProgress(record: UsageRecord): void {
    track(deps.db().then((db) => progressRequest(db, record, now())).catch(() => undefined));
  }

  function onRecord(record: UsageRecord): void {
    track(
      deps
        .db()
        .then((db) => recordRequest(db, record))
        .catch((error: unknown) => console.error('Switchyard could not write a ledger row', error))
        .finally(() => budgets.release(record.id)),
    );
    saveHealthSoon();
  }

  let healthTimer: ReturnType<typeof setTimeout> | undefined;
  /** Saves health at most every few seconds, and always after the last change. */
  function saveHealthSoon(): void {
    if (healthTimer !== undefined) return;
    const save = () => {
      healthTimer = undefined;
      lastHealthSave = now();
      const snapshot = health.snapshot();
      track(
        deps
          .db()
          .then((db) => saveHealthSnapshot(db, snapshot, lastHealthSave))
          .catch(() => undefined),
      );
    };
    const wait = HEALTH_SAVE_EVERY_MS - (now() - lastHealthSave);
    if (wait <= 0) save();
    else healthTimer = setTimeout(save, wait);
  }

  const routingSetting = storedSetting(deps.local, ROUTING_KEY, (stored) => (stored === undefined ? DEFAULT_ROUTING : z.catch(RoutingSettings, DEFAULT_ROUTING).parse(stored)));
  const budgetSetting = storedSetting(deps.local, BUDGETS_KEY, (stored) => z.catch(BudgetSettings, DEFAULT_BUDGETS).parse(stored ?? DEFAULT_BUDGETS));
  const loadRouting = (): Promise<RoutingSettings> => routingSetting.get();
  const loadBudgets = (): Promise<BudgetSettings> => budgetSetting.get();

  async function loadRetention(): Promise<RetentionSettings> {
    return z.catch(RetentionSettings, DEFAULT_RETENTION).parse((await deps.local.get(RETENTION_KEY)) ?? DEFAULT_RETENTION);
  }

  /** Drops request rows older than the retention setting allows (daily totals stay). */
  async function applyRetention(): Promise<number> {
    const { keepMonths } = await loadRetention();
    await ready();
    const cutoff = keepMonths === null ? null : retentionCutoff(keepMonths, now());
    await pruneResponses(await deps.db(), cutoff, now());
    if (cutoff === null) return 0;
    return pruneRequests(await deps.db(), cutoff);
  }

  const responseStore = idbResponseStore(async () => {
    await ready();
    return deps.db();
  });

  async function buildGateway(): Promise<Gateway> {
    // Health must be restored before the gateway takes it; the reads run beside that.
    const [configs, snapshot, routing, installed] = await Promise.all([vault.providerConfigs(), catalogs.snapshot(), loadRouting(), installedModels(), startOnce().healthRestored]);
    learned = { setting: routing.learnFromVotes };
    const providers = withInstalled(configs, installed);
    return createGatewayWith({
      providers,
      catalog: createCatalog(withSetWindows(snapshot, providers)),
      autoPreferences: () => learned.value,
      fetch: fetchAll,
      health,
      tokenizer: counter,
      timeouts: routing.timeouts,
      retry: routing.retry,
      ...(routing.autoTiers ? { autoTiers: routing.autoTiers } : {}),
      onRecord,
      onStart,
      onProgress,
      // Each site's responses are its own (the page API names the site); the extension's are the user's.
      responses: responsesEndpointWith((request) => ({ store: responseStore, owner: request.headers.get(OWNER_HEADER) ?? 'extension' })),
      beforeRequest: ({ id, candidates, maxCost }) => budgets.admit(id, candidates[0]!.provider.id, maxCost),
    });
  }

  // What `auto` learned from the user's votes. Read only for requests that ask for `auto` (a
  // heavy user's thousands of votes stay off an ordinary cold start), then kept until the
  // gateway is rebuilt (settings changed, or a vote).
  let learned: { setting: LearnFromVotes; loading?: Promise<void>; value?: Partial<Record<PromptKind, string[]>> } = { setting: 'auto' };
  function votesLearned(): Promise<void> {
    const current = learned;
    if (current.setting === 'off') return Promise.resolve();
    current.loading ??= deps
      .db()
      .then(storedVotes)
      .then((votes) => {
        if (learning(current.setting, votes.length)) current.value = preferredByKind(votes);
      })
      .catch(() => undefined);
    return current.loading;
  }
  const asksForAuto = (body: Record<string, unknown>) => body.model === 'auto' || (Array.isArray(body.models) && body.models.includes('auto'));

  function currentGateway(): Promise<Gateway> {
    gateway ??= buildGateway().catch((error: unknown) => {
      gateway = undefined;
      throw asMessagingError(error);
    });
    return gateway;
  }

  /** Settings changed: the next request builds a gateway with the new providers and catalog. */
  function invalidate() {
    gateway = undefined;
  }

  async function vaultStatus() {
    return vault.status();
  }

  async function installedModels(): Promise<Record<string, string[]>> {
    return ((await deps.local.get(INSTALLED_KEY)) as Record<string, string[]> | undefined) ?? {};
  }

  async function modelSummaries(): Promise<{ sourceDate: string; priceSources: ProviderPriceSource[]; models: ModelSummary[]; embeddingModels: ModelSummary[] }> {
    const [listed, installed, all] = await Promise.all([catalogs.snapshot(), installedModels(), vault.providers()]);
    const views = all.filter((p) => p.enabled);
    const snapshot = withSetWindows(listed, views);
    const reaches = (p: (typeof views)[number], e: { provider: string; model: string }) => (e.provider === p.id || e.provider === (p.preset ?? p.id)) && hasInstalled(installed[p.id], e.model);
    const summaries = snapshot.models.map((m): ModelSummary => {
      const serving = m.endpoints.filter((e) => views.some((p) => reaches(p, e)));
      // The price a user pays is that of the cheapest provider they have set up for it.
      const prices = serving.map((e) => e.pricing ?? m.pricing);
      const pricing = prices.length ? prices.reduce((a, b) => (b.input + b.output < a.input + a.output ? b : a)) : m.pricing;
      return {
        id: m.id,
        name: m.name,
        author: m.author,
        contextLength: m.contextLength,
        ...(m.contextAssumed ? { contextAssumed: true } : {}),
        maxOutput: m.maxOutput,
        pricing: m.unpriced ? null : pricing,
        capabilities: m.capabilities,
        local: Boolean(m.local) || m.endpoints.every((e) => e.provider === 'ollama' || e.provider === 'lmstudio'),
        providers: views
          .filter((p) => serving.some((e) => reaches(p, e)) || servesUnderOwnName(p, m.id))
          .map((p) => p.id),
        ...(m.dimensions ? { dimensions: m.dimensions } : {}),
        ...(m.rank !== undefined ? { rank: m.rank } : {}),
      };
    });
    const embedding = new Set(snapshot.models.filter(isEmbeddingModel).map((m) => m.id));
    return {
      sourceDate: snapshot.sourceDate,
      priceSources: Object.entries(snapshot.priceSources ?? {})
        .map(([provider, source]) => ({ provider, ...source }))
        .sort((a, b) => b.checked.localeCompare(a.checked) || a.provider.localeCompare(b.provider)),
      models: summaries.filter((m) => !embedding.has(m.id)),
      embeddingModels: summaries.filter((m) => embedding.has(m.id)),
    };
  }

  /** Streams a chat completion through the gateway; each chunk is an OpenAI chunk object. */
  async function* chat(body: Record<string, unknown>, source: string, signal: AbortSignal): AsyncIterable<ChatChunk> {
    const [gw, routing] = await Promise.all([currentGateway(), loadRouting()]);
    if (asksForAuto(body)) await votesLearned();
    const response = await gw.fetch(
      new Request('http://switchyard.local/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({ ...withRoutingDefaults(body, routing), stream: true }),
        headers: { 'content-type': 'application/json', 'x-switchyard-source': source },
        signal,
      }),
    );
    if (!response.ok || !response.body) {
      const json = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
      throw new MessagingError(json.error?.code ?? `http_${response.status}`, json.error?.message ?? `The gateway answered ${response.status}.`);
    }
    for await (const event of sseEvents(response.body)) {
      if (event.data === '[DONE]') return;
      const json = JSON.parse(event.data) as ChatChunk & { error?: { code: string; message: string } };
      if (json.error) throw new MessagingError(json.error.code, json.error.message);
      yield json;
    }
    throw signal.aborted
      ? new MessagingError('aborted', 'The request was stopped.')
      : new MessagingError('stream_truncated', 'The answer ended before it was complete.');
  }

  const pageAccess = new PageAccess(deps.local, deps.session, now);

  async function loadPresence(): Promise<PagePresence> {
    return z.catch(PagePresence, DEFAULT_PRESENCE).parse((await deps.local.get(PRESENCE_KEY)) ?? DEFAULT_PRESENCE);
  }

  /**
   * A web page's request through `window.switchyard`, relayed by the content script. The origin
   * comes from the browser (the port's sender), never from the page.
   */
  async function* pageRequest(
    origin: string,
    tabId: number | undefined,
    kind: PageKind,
    body: unknown,
    signal: AbortSignal,
  ): AsyncIterable<PageFrame> {
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
      const { models, embeddingModels } = await modelSummaries();
      const usable = [...models, ...embeddingModels].filter((m) => m.providers.length > 0 && (!access.model || m.id === access.model));
      yield {
        t: 'result',
        data: { object: 'list', data: usable.map((m) => ({ id: m.id, object: 'model', owned_by: m.author, name: m.name, context_length: m.contextLength })) },
      };
      return;
    }
    if (kind === 'responses') {
      yield* pageResponses({ gateway: currentGateway, store: responseStore }, origin, access, body, signal);
      return;
    }
    const request = (body ?? {}) as Record<string, unknown>;
    if (access.model && request.model !== access.model) {
      throw new MessagingError('model_not_allowed', `This site may use only ${access.model}, as you allowed it.`);
    }
    if (kind === 'embeddings') {
      yield { t: 'result', data: await pageEmbeddings(request, access.costCap, signal) };
      return;
    }
    if (access.costCap !== null) {
      const estimate = (await currentGateway()).estimate({ ...request, stream: false });
      if (estimate.maxCost > access.costCap) {
        throw new MessagingError(
          'cost_cap',
          `This request could cost up to $${estimate.maxCost.toFixed(4)}, more than the $${access.costCap} you allowed this site per request. Ask for fewer tokens (max_tokens).`,
        );
      }
    }
    if (request.stream) {
      for await (const chunk of chat(request, 'page-api', signal)) yield { t: 'chunk', data: chunk };
      return;
    }
    yield { t: 'result', data: await pageJson(await currentGateway(), 'chat/completions', withRoutingDefaults(request, await loadRouting()), signal) };
  }

  /** A page's request answered whole by the gateway: its JSON, or its error as the page API's. */
  async function pageJson(gateway: Gateway, path: string, body: Record<string, unknown>, signal: AbortSignal): Promise<unknown> {
    const response = await gateway.fetch(
      new Request(`http://switchyard.local/v1/${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', 'x-switchyard-source': 'page-api' },
        signal,
      }),
    );
    const json = (await response.json()) as { error?: { code: string; message: string } };
    if (!response.ok || json.error) throw new MessagingError(json.error?.code ?? `http_${response.status}`, json.error?.message ?? 'The request failed.');
    return json;
  }

  /** A page's embeddings request, within the cost it may run up, answered as OpenAI does. */
  async function pageEmbeddings(request: Record<string, unknown>, costCap: number | null, signal: AbortSignal): Promise<unknown> {
    const gateway = await currentGateway();
    if (costCap !== null) {
      const { maxCost } = await gateway.estimateEmbeddings(request);
      if (maxCost > costCap) {
        throw new MessagingError('cost_cap', `These embeddings could cost up to $${maxCost.toFixed(4)}, more than the $${costCap} you allowed this site per request.`);
      }
    }
    return pageJson(gateway, 'embeddings', request, signal);
  }

  const calls = {
    'pageApi.pending': () => pageAccess.pending(),
    'pageApi.permissions': () => pageAccess.permissions(),
    'pageApi.decide': async ({
      origin,
      decision,
      model,
      costCap,
    }: {
      origin: string;
      decision: 'once' | 'always' | 'deny';
      model: string | null;
      costCap: number | null;
    }) => {
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
      await deps.pageScripts?.apply(valid);
      await deps.local.set(PRESENCE_KEY, valid);
      return valid;
    },
    'pageApi.injectTab': async ({ tabId }: { tabId: number }) => {
      if (!deps.pageScripts) return {};
      const origin = siteOf(await deps.pageScripts.tabUrl(tabId));
      if (!origin || !isPresent(await loadPresence(), origin)) throw new MessagingError('page_api_off', 'The page API is not on for this tab’s site.');
      await deps.pageScripts.injectTab(tabId);
      return {};
    },
    'app.status': () => ({ version: deps.version, startedAt, now: now() }),
    'providers.list': () => vault.providers(),
    'providers.save': async ({ settings, apiKey }: { settings: Record<string, unknown>; apiKey?: string | null }) => {
      const before = (await vault.providers()).find((p) => p.id === settings.id);
      const view = await vault.saveProvider(settings, apiKey);
      // A new key or address is a new start: earlier failures (a refused key) no longer apply.
      if (apiKey !== undefined || before?.baseUrl !== view.baseUrl) health.forget(view.id);
      invalidate();
      return view;
    },
    'providers.remove': async ({ id }: { id: string }) => {
      await vault.removeProvider(id);
      health.forget(id);
      invalidate();
      return {};
    },
    /** Lists a provider's own models into the catalog, so its models (a custom host's, a local server's) can be picked. */
    'providers.sync': async ({ id }: { id: string }) => {
      const provider = (await vault.providerConfigs()).find((p) => p.id === id);
      if (!provider) throw new MessagingError('not_found', `No enabled provider "${id}".`);
      const models = await listProviderModels(provider, fetchAll, AbortSignal.timeout(15_000));
      const preset = provider.preset ?? provider.id;
      const local = preset === 'ollama' || preset === 'lmstudio';
      const before = await catalogs.snapshot();
      const after = mergeProviderModels(before, preset, models, local, new Date(now()).toISOString().slice(0, 10));
      await catalogs.save(after);
      if (local) await deps.local.set(INSTALLED_KEY, { ...(await installedModels()), [id]: models.map((m) => m.id) });
      invalidate();
      return { listed: models.length, added: after.models.length - before.models.length };
    },
    'providers.test': async ({ id }: { id: string }) => {
      const provider = (await vault.providerConfigs()).find((p) => p.id === id);
      if (!provider) throw new MessagingError('not_found', `No enabled provider "${id}".`);
      const models = await listProviderModels(provider, fetchAll, AbortSignal.timeout(15_000));
      return { models: models.map((m) => ({ id: m.id, ...(m.name ? { name: m.name } : {}) })) };
    },
    'vault.status': vaultStatus,
    'vault.unlock': async ({ passphrase }: { passphrase: string }) => {
      await vault.unlock(passphrase);
      invalidate();
      return vaultStatus();
    },
    'vault.setAsideUnreadable': async () => {
      await vault.setAsideUnreadable();
      invalidate();
      return vaultStatus();
    },
    'vault.lock': async () => {
      await vault.lock();
      invalidate();
      return vaultStatus();
    },
    'vault.setPassphrase': async ({ passphrase }: { passphrase: string }) => {
      await vault.setPassphrase(passphrase);
      return vaultStatus();
    },
    'vault.changePassphrase': async ({ current, next }: { current: string; next: string }) => {
      await vault.changePassphrase(current, next);
      invalidate();
      return vaultStatus();
    },
    'vault.removePassphrase': async ({ current }: { current: string }) => {
      await vault.removePassphrase(current);
      invalidate();
      return vaultStatus();
    },
    'budgets.get': loadBudgets,
    'retention.get': loadRetention,
    'retention.save': async (settings: RetentionSettings) => {
      const saved = RetentionSettings.parse(settings);
      await deps.local.set(RETENTION_KEY, saved);
      return { ...saved, deleted: await applyRetention() };
    },
    'routing.get': loadRouting,
    /** A page saved a vote: `auto` learns it with the next request. */
    'votes.changed': async () => {
      invalidate();
      return {};
    },
    'routing.save': async (settings: RoutingSettings) => {
      await routingSetting.save(RoutingSettings.parse(settings));
      invalidate();
      return settings;
    },
    'settings.export': async ({ includeKeys }: { includeKeys: boolean }) => {
      const backup: SettingsBackup = {
        switchyard: 1,
        exportedAt: new Date(now()).toISOString(),
        providers: await vault.exportProviders(includeKeys),
        routing: await loadRouting(),
        budgets: await loadBudgets(),
      };
      return { json: JSON.stringify(backup, null, 2) };
    },
    'settings.import': async ({ json }: { json: string }) => {
      const parsed = parseBackup(json);
      if (!parsed.ok) throw new MessagingError('invalid_settings', parsed.error);
      const { providers, routing, budgets: caps } = parsed.backup;
      await vault.replaceProviders(providers.map(({ apiKey, ...settings }) => ({ settings, ...(apiKey ? { apiKey } : {}) })));
      await routingSetting.save(routing);
      await budgetSetting.save(caps);
      invalidate();
      return { providers: providers.length, keys: providers.filter((p) => p.apiKey).length };
    },
    'dashboard.summary': async ({ from, to }: { from: string; to: string }) => {
      await ready();
      return dashboardSummary(await deps.db(), from, to);
    },
    'budgets.save': async (settings: BudgetSettings) => {
      await budgetSetting.save(BudgetSettings.parse(settings));
      return settings;
    },
    'budgets.status': () => budgets.status(),
    'ledger.list': async ({ filter, page, pageSize }: { filter: Parameters<typeof listRequests>[1]; page: number; pageSize: number }) => {
      await ready();
      return listRequests(await deps.db(), filter, page, pageSize);
    },
    'ledger.spent': async ({ from, to, provider }: { from: string; to: string; provider?: string }) => {
      await ready();
      return { cost: await spentBetween(await deps.db(), from, to, provider) };
    },
    'catalog.models': modelSummaries,
    'catalog.refresh': async () => {
      const report = await refreshCatalog(await catalogs.snapshot(), {
        fetch: deps.fetch,
        providers: await vault.providerConfigs().catch(() => []),
      });
      await catalogs.save(report.snapshot);
      // Local servers serve what is installed now: models pulled or deleted since show up as such.
      const locals = (await vault.providers()).filter((p) => p.preset === 'ollama' || p.preset === 'lmstudio');
      const installed = await installedModels();
      for (const p of locals) if (report.listed[p.id]) installed[p.id] = report.listed[p.id]!;
      await deps.local.set(INSTALLED_KEY, installed);
      invalidate();
      return { sourceDate: report.snapshot.sourceDate, sources: report.sources };
    },
    'local.detect': async () => {
      const configured = new Set((await vault.providers()).map((p) => p.preset ?? p.id));
      const servers: { preset: 'ollama' | 'lmstudio' | 'chrome-ai'; name: string; baseUrl: string; models: string[]; availability?: Availability }[] = (
        await detectLocalServers(deps.fetch, deps.localServers)
      ).map(({ listed: _listed, ...server }) => server);
      const availability = await deps.promptApi?.availability().catch(() => 'unavailable' as const);
      if (availability && availability !== 'unavailable') {
        servers.push({ preset: 'chrome-ai', name: "Chrome's built-in model", baseUrl: 'chrome-ai://local/v1', models: [CHROME_AI_MODEL], availability });
      }
      return servers.filter((s) => !configured.has(s.preset));
    },
    'chromeAi.status': async () => ({ availability: (await deps.promptApi?.availability().catch(() => 'unavailable' as const)) ?? ('unavailable' as const) }),
    'local.add': async ({ preset }: { preset: 'ollama' | 'lmstudio' | 'chrome-ai' }) => {
      if (preset === 'chrome-ai') {
        const view = await vault.saveProvider({ id: 'chrome-ai', name: "Chrome's built-in model", kind: 'openai', preset, baseUrl: 'chrome-ai://local/v1' });
        invalidate();
        return view;
      }
      const server = (await detectLocalServers(deps.fetch, deps.localServers)).find((s) => s.preset === preset);
      if (!server) throw new MessagingError('not_found', `${preset === 'ollama' ? 'Ollama' : 'LM Studio'} is not answering on this computer.`);
      const taken = new Set((await vault.providers()).map((p) => p.id));
      let id: string = preset;
      for (let n = 2; taken.has(id); n++) id = `${preset}-${n}`;
      const view = await vault.saveProvider({ id, name: server.name, kind: preset === 'ollama' ? 'ollama' : 'openai', preset, baseUrl: server.baseUrl });
      await deps.local.set(INSTALLED_KEY, { ...(await installedModels()), [id]: server.models });
      await catalogs.save(
        mergeProviderModels(
          await catalogs.snapshot(),
          preset,
          server.listed,
          true,
        ),
      );
      invalidate();
      return view;
    },
    'team.budgets': async () => {
      const [configs, views] = await Promise.all([vault.providerConfigs().catch(() => []), vault.providers()]);
      const teams = configs.filter(servesCatalog).map((p) => ({ ...p, name: views.find((v) => v.id === p.id)?.name ?? p.id }));
      return Promise.all(teams.map((p) => teamBudget(p, fetchAll, AbortSignal.timeout(10_000))));
    },
    'health.status': async () => {
      await ready();
      return (await vault.providers())
        .filter((p) => p.enabled)
        .map((p) => ({ provider: p.id, name: p.name, ...providerHealth(health, p.id) }));
    },
    'context.fit': async (request: { model: string; text: string; reserveTokens: number }) => {
      const [configs, snapshot, installed] = await Promise.all([vault.providerConfigs(), catalogs.snapshot(), installedModels()]);
      const providers = withInstalled(configs, installed);
      return fitPage(request, providers, createCatalog(withSetWindows(snapshot, providers)), counter);
    },
    'chat.estimate': async ({ body }: { body: Record<string, unknown> }) => {
      const gw = await currentGateway();
      if (asksForAuto(body)) await votesLearned();
      return gw.estimate(body);
    },
  };

  return {
    calls,
    /** Registers the page API's scripts as the saved setting says (after install, update or browser start). */
    async syncPageScripts(): Promise<void> {
      await deps.pageScripts?.apply(await loadPresence());
    },
    /**
     * Settles what a stopped worker left running, restores health and prepares the gateway (keys,
     * catalog, routing, budgets) while the message that woke the worker is still on its way.
     */
    start: () => Promise.all([ready(), currentGateway().catch(() => undefined), loadBudgets().catch(() => undefined)]),
    /** Storage keys changed by anyone (the browser reports every write): settings kept in memory are read again. */
    localChanged(keys: readonly string[]): void {
      for (const setting of [routingSetting, budgetSetting]) if (keys.includes(setting.key)) setting.forget();
      if (keys.includes(ROUTING_KEY)) invalidate();
    },
    /** Keeps the ledger within the retention setting (run daily, off the path of any request). */
    applyRetention,
    chat,
    pageRequest,
    vault,
    budgets,
    get health() {
      return health;
    },
    /** Resolves when every ledger write started so far has landed. */
    async settled(): Promise<void> {
      while (pendingWrites.size > 0) await Promise.all([...pendingWrites]);
    },
  };
}

export type BackgroundService = ReturnType<typeof createBackgroundService>;
