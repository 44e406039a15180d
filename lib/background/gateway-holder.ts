import type { PageReader, SearchProviderConfig } from '../gateway/search-providers';
import { createCatalog } from '../catalog/catalog';
import { withSetWindows } from '../catalog/set-windows';
// The gateway's modules, not its index: the index carries the bundled catalog, which the worker
// reads from a data file instead.
import { createGatewayWith, type Gateway } from '../gateway/gateway';
import type { PromptKind } from '../gateway/prompt-kind';
import type { ProviderConfig } from '../gateway/providers/types';
import { responsesEndpointWith } from '../gateway/responses/endpoint';
import type { ResponseStore } from '../gateway/responses/store';
import type { TokenCounter } from '../gateway/tokenizer';
import type { BudgetGuard } from '../budgets/guard';
import type { WorkerLedger } from '../ledger/worker-db';
import { MessagingError } from '../messaging/rpc';
import { learning, preferredByKind, type LearnFromVotes } from '../ranking/preferences';
import { storedVotes } from '../ranking/stored-votes';
import type { RoutingSettings } from '../settings/routing';
import type { Vault } from '../vault/vault';
import { VaultError } from '../vault/vault';
import type { CatalogStore } from './catalog-store';
import type { LedgerWriter } from './ledger-writer';
import { OWNER_HEADER } from './page-responses';

/** Providers with what each local server has installed, as last listed: the gateway routes to no other model on them. */
export function withInstalled(providers: ProviderConfig[], installed: Record<string, string[]>): ProviderConfig[] {
  return providers.map((p) => (installed[p.id] ? { ...p, installed: installed[p.id] } : p));
}

export function asMessagingError(error: unknown): MessagingError {
  if (error instanceof MessagingError) return error;
  if (error instanceof VaultError) return new MessagingError(error.code, error.message);
  const e = error as { code?: unknown; message?: unknown };
  return new MessagingError(typeof e?.code === 'string' ? e.code : 'internal_error', typeof e?.message === 'string' ? e.message : String(error));
}

export const asksForAuto = (body: Record<string, unknown>) => body.model === 'auto' || (Array.isArray(body.models) && body.models.includes('auto'));

export interface GatewayHolderDeps {
  vault: Vault;
  catalogs: CatalogStore;
  writer: LedgerWriter;
  budgets: BudgetGuard;
  responseStore: ResponseStore;
  counter: TokenCounter;
  fetch: typeof fetch;
  db: () => Promise<WorkerLedger>;
  loadRouting(): Promise<RoutingSettings>;
  /** Whether requests' details are kept for the inspector (the setting, read with the others). */
  keepsDetails(): Promise<boolean>;
  installedModels(): Promise<Record<string, string[]>>;
  /** Reads search results' pages, when the user asked for that and the browser lets it (service.ts). */
  searchPageReader?: () => Promise<PageReader | undefined>;
}

/**
 * The gateway as the user's settings make it (keys, catalog, routing, budgets), built when first
 * needed and again after any of them changes.
 */
export class GatewayHolder {
  private gateway: Promise<Gateway> | undefined;
  // What `auto` learned from the user's votes. Read only for requests that ask for `auto` (a
  // heavy user's thousands of votes stay off an ordinary cold start), then kept until the
  // gateway is rebuilt (settings changed, or a vote).
  private learned: { setting: LearnFromVotes; loading?: Promise<void>; value?: Partial<Record<PromptKind, string[]>> } = { setting: 'auto' };

  constructor(private readonly deps: GatewayHolderDeps) {}

  current(): Promise<Gateway> {
    this.gateway ??= this.build().catch((error: unknown) => {
      this.gateway = undefined;
      throw asMessagingError(error);
    });
    return this.gateway;
  }

  /** Settings changed: the next request builds a gateway with the new providers and catalog. */
  invalidate(): void {
    this.gateway = undefined;
  }

  /** The gateway, with what `auto` learned from votes read first when the request asks for `auto`. */
  async for(body: Record<string, unknown>): Promise<Gateway> {
    const gateway = await this.current();
    if (asksForAuto(body)) await this.votesLearned();
    return gateway;
  }

  private votesLearned(): Promise<void> {
    const current = this.learned;
    if (current.setting === 'off') return Promise.resolve();
    current.loading ??= this.deps
      .db()
      .then(storedVotes)
      .then((votes) => {
        if (learning(current.setting, votes.length)) current.value = preferredByKind(votes);
      })
      .catch(() => undefined);
    return current.loading;
  }

  /** The search service as the gateway takes it: with a page reader when the user turned reading on and access is granted. */
  private async searchWithReader({ readPages, ...search }: SearchProviderConfig & { readPages?: boolean }): Promise<SearchProviderConfig> {
    const readPage = readPages ? await this.deps.searchPageReader?.().catch(() => undefined) : undefined;
    return readPage ? { ...search, readPage } : search;
  }

  private async build(): Promise<Gateway> {
    const { vault, catalogs, writer, budgets, responseStore, counter } = this.deps;
    // Health must be restored before the gateway takes it; the reads run beside that.
    const [configs, snapshot, routing, installed, keepDetails, search] = await Promise.all([
      vault.providerConfigs(),
      catalogs.snapshot(),
      this.deps.loadRouting(),
      this.deps.installedModels(),
      this.deps.keepsDetails().catch(() => false),
      // A locked vault's search key waits for the unlock, which rebuilds the gateway.
      vault.searchConfig().catch(() => undefined),
      writer.start().healthRestored,
    ]);
    this.learned = { setting: routing.learnFromVotes };
    const providers = withInstalled(configs, installed);
    return createGatewayWith({
      providers,
      catalog: createCatalog(withSetWindows(snapshot, providers)),
      autoPreferences: () => this.learned.value,
      fetch: this.deps.fetch,
      health: writer.health,
      tokenizer: counter,
      timeouts: routing.timeouts,
      retry: routing.retry,
      ...(routing.autoTiers ? { autoTiers: routing.autoTiers } : {}),
      onRecord: writer.onRecord,
      onStart: writer.onStart,
      onProgress: writer.onProgress,
      keepDetails,
      ...(search ? { search: await this.searchWithReader(search) } : {}),
      // Each site's responses are its own (the page API names the site); the extension's are the user's.
      responses: responsesEndpointWith((request) => ({ store: responseStore, owner: request.headers.get(OWNER_HEADER) ?? 'extension' })),
      beforeRequest: ({ id, candidates, maxCost }) => budgets.admit(id, candidates[0]!.provider.id, maxCost),
    });
  }
}
