import type { PageReader } from '../gateway/search-providers';
import * as z from 'zod/mini';
import { BudgetGuard } from '../budgets/guard';
import { BudgetSettings, DEFAULT_BUDGETS } from '../budgets/settings';
import type { CatalogSnapshot } from '../catalog/schema';
import { createChromeAiFetch, withChromeAi } from '../gateway/chrome-ai/fetch';
import type { PromptApi } from '../gateway/chrome-ai/prompt-api';
import { approximateCounter, lazyCounter, type TokenCounter } from '../gateway/tokenizer';
import { spentBetween } from '../ledger/ledger';
import { idbResponseStore } from '../ledger/responses-store';
import type { WorkerLedger } from '../ledger/worker-db';
import type { DeviceKeyStore } from '../platform/device-key';
import type { KeyValueStore } from '../platform/key-value-store';
import { DEFAULT_ROUTING, RoutingSettings } from '../settings/routing';
import { Vault } from '../vault/vault';
import { createCatalogStore } from './catalog-store';
import { detailsKeeper } from './details-keeper';
import { runChat } from './chat-runner';
import { GatewayHolder } from './gateway-holder';
import { inspectorCalls } from './inspector-calls';
import { LedgerWriter } from './ledger-writer';
import { summarizeModels } from './model-summaries';
import { createPageRequests, type PageScripts } from './page-requests';
import { providerCalls } from './provider-calls';
import { INSTALLED_KEY, type ServiceContext } from './service-context';
import { settingsCalls } from './settings-calls';
import { storedSetting } from './stored-setting';
import { vaultCalls } from './vault-calls';

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
  pageScripts?: PageScripts;
  /**
   * Reads a search result page's HTML into its words, where the browser lets the background read
   * any site (undefined otherwise: the model gets the search service's snippets).
   */
  searchPageReader?: () => Promise<PageReader | undefined>;
  /** The catalog shipped with the extension (a data file, kept out of the worker's code), loaded when first needed. */
  bundledCatalog: () => Promise<CatalogSnapshot>;
  now?: () => number;
}

const BUDGETS_KEY = 'budgets';
const ROUTING_KEY = 'routing';

/**
 * Switchyard's server side: the vault, the gateway, the ledger, budgets and health, wired
 * together. Pure of browser APIs (storage, IndexedDB and fetch come in), so it runs in Node
 * tests unchanged. Each job lives in its own module: the ledger writer, the gateway holder, the
 * chat runner, the page API, and the calls about providers, settings and the vault.
 */
export function createBackgroundService(deps: BackgroundDeps) {
  const now = deps.now ?? Date.now;
  const startedAt = now();
  const vault = new Vault(deps.local, deps.session, deps.deviceKeys, now);
  const catalogs = createCatalogStore(deps.local, deps.bundledCatalog);
  // The real tokenizer loads only when a count decides something (a window is near): it costs
  // hundreds of milliseconds, which a cold worker's first request should not pay for nothing.
  const counter = deps.tokenizer ? lazyCounter(deps.tokenizer) : approximateCounter;
  const routing = storedSetting(deps.local, ROUTING_KEY, (stored) => (stored === undefined ? DEFAULT_ROUTING : z.catch(RoutingSettings, DEFAULT_ROUTING).parse(stored)));
  const budgetCaps = storedSetting(deps.local, BUDGETS_KEY, (stored) => z.catch(BudgetSettings, DEFAULT_BUDGETS).parse(stored ?? DEFAULT_BUDGETS));
  const loadRouting = () => routing.get();
  const installedModels = async (): Promise<Record<string, string[]>> => ((await deps.local.get(INSTALLED_KEY)) as Record<string, string[]> | undefined) ?? {};

  // A worker starts by settling what the last one left running, so budgets count it before any
  // new request is admitted; health comes back from its last snapshot.
  const details = detailsKeeper({ local: deps.local, db: deps.db, deviceKeys: deps.deviceKeys, now });
  const writer: LedgerWriter = new LedgerWriter(deps.db, now, () => budgets, details.keep);
  const budgets = new BudgetGuard(
    () => budgetCaps.get(),
    async (from, to, provider) => {
      await writer.ready();
      return spentBetween(await deps.db(), from, to, provider);
    },
    now,
  );
  const responseStore = idbResponseStore(async () => {
    await writer.ready();
    return deps.db();
  });
  const fetchAll = withChromeAi(deps.fetch, deps.promptApi && createChromeAiFetch(deps.promptApi));
  const keepsDetails = async () => (await details.settings.get()).keep;
  const gateways = new GatewayHolder({ vault, catalogs, writer, budgets, responseStore, counter, fetch: fetchAll, db: deps.db, loadRouting, keepsDetails, installedModels, searchPageReader: deps.searchPageReader });
  const ctx: ServiceContext = {
    local: deps.local,
    db: deps.db,
    now,
    fetchAll,
    fetch: deps.fetch,
    localServers: deps.localServers,
    promptApi: deps.promptApi,
    vault,
    catalogs,
    writer,
    gateways,
    budgets,
    counter,
    routing,
    budgetCaps,
    details,
    installedModels,
  };

  const modelSummaries = async () => {
    const [listed, installed, providers] = await Promise.all([catalogs.snapshot(), installedModels(), vault.providers()]);
    return summarizeModels(listed, installed, providers);
  };
  const chat = (body: Record<string, unknown>, source: string, signal: AbortSignal, site?: string) => runChat(gateways, loadRouting, body, source, signal, site);
  const pages = createPageRequests({ local: deps.local, session: deps.session, now, pageScripts: deps.pageScripts, gateways, responseStore, loadRouting, modelSummaries, chat });
  const settings = settingsCalls(ctx);

  const calls = {
    ...pages.calls,
    'app.status': () => ({ version: deps.version, startedAt, now: now() }),
    ...providerCalls(ctx, modelSummaries),
    ...vaultCalls(ctx),
    ...settings.calls,
    ...inspectorCalls(ctx),
  };

  return {
    calls,
    syncPageScripts: pages.syncPageScripts,
    /**
     * Settles what a stopped worker left running, restores health and prepares the gateway (keys,
     * catalog, routing, budgets) while the message that woke the worker is still on its way.
     */
    start: () => Promise.all([writer.ready(), gateways.current().catch(() => undefined), budgetCaps.get().catch(() => undefined)]),
    /** Storage keys changed by anyone (the browser reports every write): settings kept in memory are read again. */
    localChanged(keys: readonly string[]): void {
      for (const setting of [routing, budgetCaps, details.settings]) if (keys.includes(setting.key)) setting.forget();
      if (keys.includes(ROUTING_KEY) || keys.includes(details.settings.key)) gateways.invalidate();
    },
    /** Site access was granted or taken back: the gateway is built again for what it may now read (search result pages). */
    accessChanged: () => gateways.invalidate(),
    /** Keeps the ledger within the retention setting (run daily, off the path of any request). */
    applyRetention: settings.applyRetention,
    chat,
    pageRequest: pages.pageRequest,
    vault,
    budgets,
    get health() {
      return writer.health;
    },
    /** Resolves when every ledger write started so far has landed. */
    settled: () => writer.settled(),
  };
}

export type BackgroundService = ReturnType<typeof createBackgroundService>;
