import type { BudgetGuard } from '../budgets/guard';
import type { BudgetSettings } from '../budgets/settings';
import type { PromptApi } from '../gateway/chrome-ai/prompt-api';
import type { TokenCounter } from '../gateway/tokenizer';
import type { WorkerLedger } from '../ledger/worker-db';
import type { KeyValueStore } from '../platform/key-value-store';
import type { RoutingSettings } from '../settings/routing';
import type { Vault } from '../vault/vault';
import type { CatalogStore } from './catalog-store';
import type { GatewayHolder } from './gateway-holder';
import type { LedgerWriter } from './ledger-writer';
import type { StoredSetting } from './stored-setting';
import type { DetailsKeeper } from './details-keeper';

/** The models each local server (Ollama, LM Studio) has installed, as last listed. */
export const INSTALLED_KEY = 'installedModels';

/** What the background's calls share: its stores, settings and the gateway they change. */
export interface ServiceContext {
  local: KeyValueStore;
  db: () => Promise<WorkerLedger>;
  now: () => number;
  /** Every provider's fetch, Chrome's built-in model included. */
  fetchAll: typeof fetch;
  /** The network's own fetch (catalog refreshes, local server detection). */
  fetch: typeof fetch;
  localServers: { ollama?: string; lmstudio?: string } | undefined;
  promptApi: PromptApi | undefined;
  vault: Vault;
  catalogs: CatalogStore;
  writer: LedgerWriter;
  gateways: GatewayHolder;
  budgets: BudgetGuard;
  counter: TokenCounter;
  routing: StoredSetting<RoutingSettings>;
  budgetCaps: StoredSetting<BudgetSettings>;
  details: DetailsKeeper;
  installedModels(): Promise<Record<string, string[]>>;
}
