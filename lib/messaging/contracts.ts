import * as z from 'zod/mini';
import { TeamBudget } from '../team/key-status';
import { BudgetSettings } from '../budgets/settings';
import type { RequestRow } from '../ledger/db';
import type { DashboardSummary } from '../ledger/summary';
import type { SignalsSummary } from '../ledger/signals-summary';
import { PagePermissions, PendingAccess } from '../page-api/protocol';
import { PagePresence } from '../page-api/presence';
import { RoutingSettings } from '../settings/routing';
import { RetentionSettings } from '../ledger/retention';
import { DetailsSettings } from '../ledger/details-store';
import type { RequestDetails } from '../gateway/details';
import { ProviderSettings, SearchService } from '../vault/schema';
import { PageContent } from './page';
import { MAX_TABS, OpenTab } from '../page/tabs';
import { lazyContract, type CallContract } from './rpc';
import type { StreamContract } from './stream';

/** Schemas built when a call first needs them, not while a cold worker starts. */
const once = <T,>(build: () => T) => {
  let value: T | undefined;
  return () => (value ??= build());
};

const ProviderViewSchema = once(() => z.extend(ProviderSettings, { keySet: z.boolean(), keyHint: z.nullable(z.string()) }));
const SearchServiceViewSchema = once(() => z.extend(SearchService, { keyHint: z.nullable(z.string()) }));

const VaultStatus = once(() => z.object({ hasPassphrase: z.boolean(), locked: z.boolean(), unreadable: z.boolean() }));
const Circuit = once(() => z.enum(['closed', 'open', 'half-open', 'unknown']));
const Passphrase = once(() => z.string().check(z.minLength(1), z.maxLength(1024)));

const CapStatus = once(() =>
  z.object({
    scope: z.string(),
    period: z.enum(['daily', 'monthly']),
    cap: z.number(),
    spent: z.number(),
    reserved: z.number(),
    share: z.number(),
    warn: z.boolean(),
    exhausted: z.boolean(),
  }),
);

const RequestRowSchema = once(() => z.custom<RequestRow>((value) => typeof value === 'object' && value !== null && typeof (value as RequestRow).id === 'string'));

const ModelSummary = once(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    author: z.string(),
    contextLength: z.number(),
    /** No provider told its window: contextLength is Switchyard's working guess. */
    contextAssumed: z.optional(z.boolean()),
    maxOutput: z.number(),
    pricing: z.nullable(
      z.object({
        input: z.number(),
        output: z.number(),
        cachedInput: z.optional(z.number()),
        longContext: z.optional(z.object({ above: z.number(), input: z.number(), output: z.number() })),
        peak: z.optional(z.object({ hoursUtc: z.array(z.tuple([z.number(), z.number()])), multiplier: z.number() })),
      }),
    ),
    capabilities: z.object({ tools: z.boolean(), vision: z.boolean(), json: z.boolean(), reasoning: z.boolean() }),
    local: z.boolean(),
    /** Configured providers that can serve it now; empty when none can. */
    providers: z.array(z.string()),
    /** An embedding model's vector length. */
    dimensions: z.optional(z.number()),
    /** How strong the catalog rates it (0–100), which `auto`'s tiers follow. */
    rank: z.optional(z.number()),
  }),
);
export type ModelSummary = z.infer<ReturnType<typeof ModelSummary>>;

/** A rectangle the user dragged out on a page, in CSS pixels of a viewport this wide. */
const RegionSchema = () => z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number(), viewportWidth: z.number() });

/** Any OpenAI-style chat body; the gateway validates it in full. */
const ChatBody = z.looseObject({ model: z.string().check(z.minLength(1)), messages: z.array(z.unknown()).check(z.minLength(1)) });
const Source = z.enum(['sidepanel', 'compare', 'context-menu', 'popup', 'options', 'page-api']);

/** Calls that extension pages make to the background service worker. */
export const backgroundCalls = lazyContract({
  'app.status': () => ({
    input: z.object({}),
    output: z.object({ version: z.string(), startedAt: z.number(), now: z.number() }),
  }),
  /** The visible part of the active tab; with `region`, the user first drags out the part they mean (null: cancelled). */
  'page.capture': () => ({
    input: z.object({ region: z._default(z.boolean(), false) }),
    output: z.nullable(
      z.object({
        dataUrl: z.string().check(z.regex(/^data:image\/png;base64,/)),
        url: z.string(),
        title: z.string(),
        region: z.optional(RegionSchema()),
      }),
    ),
  }),
  'page.read': () => ({
    input: z.object({ tabId: z.optional(z.int().check(z.nonnegative())) }),
    output: PageContent,
  }),
  /** The open tabs of the window the user is in, for "Add tabs…". */
  'tabs.list': () => ({ input: z.object({}), output: z.array(OpenTab) }),
  'providers.list': () => ({ input: z.object({}), output: z.array(ProviderViewSchema()) }),
  'providers.save': () => ({
    input: z.object({ settings: z.record(z.string(), z.unknown()), apiKey: z.optional(z.nullable(z.string().check(z.maxLength(4096)))) }),
    output: ProviderViewSchema(),
  }),
  /** The web search service for models without search of their own (its key never leaves the background). */
  'search.get': () => ({ input: z.object({}), output: z.nullable(SearchServiceViewSchema()) }),
  'search.save': () => ({
    input: z.object({ service: z.nullable(z.record(z.string(), z.unknown())), apiKey: z.optional(z.string().check(z.maxLength(4096))) }),
    output: z.nullable(SearchServiceViewSchema()),
  }),
  'providers.sync': () => ({ input: z.object({ id: z.string() }), output: z.object({ listed: z.number(), added: z.number() }) }),
  'providers.remove': () => ({ input: z.object({ id: z.string() }), output: z.object({}) }),
  'providers.test': () => ({
    input: z.object({ id: z.string() }),
    output: z.object({ models: z.array(z.object({ id: z.string(), name: z.optional(z.string()) })) }),
  }),
  'vault.status': () => ({ input: z.object({}), output: VaultStatus() }),
  'vault.unlock': () => ({ input: z.object({ passphrase: Passphrase() }), output: VaultStatus() }),
  'vault.setAsideUnreadable': () => ({ input: z.object({}), output: VaultStatus() }),
  'vault.lock': () => ({ input: z.object({}), output: VaultStatus() }),
  'vault.setPassphrase': () => ({ input: z.object({ passphrase: Passphrase() }), output: VaultStatus() }),
  'vault.changePassphrase': () => ({ input: z.object({ current: Passphrase(), next: Passphrase() }), output: VaultStatus() }),
  'vault.removePassphrase': () => ({ input: z.object({ current: Passphrase() }), output: VaultStatus() }),
  'budgets.get': () => ({ input: z.object({}), output: BudgetSettings }),
  'budgets.save': () => ({ input: BudgetSettings, output: BudgetSettings }),
  'budgets.status': () => ({ input: z.object({}), output: z.array(CapStatus()) }),
  /** For each team gateway provider: what is left of this member's team budgets. */
  'team.budgets': () => ({ input: z.object({}), output: z.array(TeamBudget) }),
  'ledger.list': () => ({
    input: z.object({
      filter: z._default(
        z.object({
          from: z.optional(z.number()),
          to: z.optional(z.number()),
          provider: z.optional(z.string()),
          model: z.optional(z.string()),
          source: z.optional(z.string()),
          status: z.optional(z.string()),
        }),
        {},
      ),
      page: z._default(z.int().check(z.nonnegative()), 0),
      pageSize: z._default(z.int().check(z.minimum(1), z.maximum(500)), 50),
    }),
    output: z.object({ rows: z.array(RequestRowSchema()), hasMore: z.boolean() }),
  }),
  'ledger.spent': () => ({
    input: z.object({ from: z.string(), to: z.string(), provider: z.optional(z.string()) }),
    output: z.object({ cost: z.number() }),
  }),
  'catalog.models': () => ({
    input: z.object({}),
    // Chat models, which every picker offers; embedding models apart (POST /embeddings).
    output: z.object({
      sourceDate: z.string(),
      /** Each provider's pricing page and the day the catalog's prices were last checked against it, newest first. */
      priceSources: z.array(z.object({ provider: z.string(), checked: z.string(), url: z.string() })),
      models: z.array(ModelSummary()),
      embeddingModels: z.array(ModelSummary()),
    }),
  }),
  'catalog.refresh': () => ({
    input: z.object({}),
    output: z.object({ sourceDate: z.string(), sources: z.array(z.object({ source: z.string(), ok: z.boolean(), detail: z.string() })) }),
  }),
  'retention.get': () => ({ input: z.object({}), output: RetentionSettings }),
  /** Saves the retention setting and applies it at once; says how many request rows it deleted. */
  'retention.save': () => ({ input: RetentionSettings, output: z.extend(RetentionSettings, { deleted: z.number() }) }),
  /** Whether, how long and how much of requests' bodies are kept for the inspector, and what is kept now. */
  'details.get': () => ({ input: z.object({}), output: z.extend(DetailsSettings, { bytes: z.number(), count: z.number() }) }),
  'details.save': () => ({ input: DetailsSettings, output: z.extend(DetailsSettings, { bytes: z.number(), count: z.number(), dropped: z.number() }) }),
  /** A request's ledger row and, when kept, what it received, sent to each provider and answered. */
  'ledger.details': () => ({
    input: z.object({ id: z.string().check(z.minLength(1)) }),
    output: z.object({
      row: z.nullable(z.custom<RequestRow>((v) => typeof v === 'object' && v !== null)),
      details: z.nullable(z.custom<RequestDetails>((v) => typeof v === 'object' && v !== null)),
      problem: z.optional(z.string()),
    }),
  }),
  'routing.get': () => ({ input: z.object({}), output: RoutingSettings }),
  'routing.save': () => ({ input: RoutingSettings, output: RoutingSettings }),
  'votes.changed': () => ({ input: z.object({}), output: z.object({}) }),
  'settings.export': () => ({ input: z.object({ includeKeys: z._default(z.boolean(), false) }), output: z.object({ json: z.string() }) }),
  'settings.import': () => ({ input: z.object({ json: z.string().check(z.maxLength(5_000_000)) }), output: z.object({ providers: z.number(), keys: z.number() }) }),
  'dashboard.summary': () => ({
    input: z.object({ from: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), to: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)) }),
    output: z.custom<DashboardSummary>((v) => typeof v === 'object' && v !== null),
  }),
  'dashboard.signals': () => ({
    input: z.object({ from: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), to: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)) }),
    output: z.custom<SignalsSummary>((v) => typeof v === 'object' && v !== null),
  }),
  'pageApi.pending': () => ({ input: z.object({}), output: z.array(PendingAccess) }),
  'pageApi.permissions': () => ({ input: z.object({}), output: PagePermissions }),
  'pageApi.decide': () => ({
    input: z.object({
      origin: z.string().check(z.minLength(1)),
      decision: z.enum(['once', 'always', 'deny']),
      model: z.nullable(z.string()),
      costCap: z.nullable(z.number().check(z.positive())),
    }),
    output: z.object({}),
  }),
  'pageApi.revoke': () => ({ input: z.object({ origin: z.string() }), output: z.object({}) }),
  'pageApi.presence': () => ({ input: z.object({}), output: PagePresence }),
  /** Saves where the page API is present; the page asked the browser for the host permissions first. */
  'pageApi.setPresence': () => ({ input: PagePresence, output: PagePresence }),
  /** Puts the page API into an open tab at once (its site was just allowed), so it needs no reload. */
  'pageApi.injectTab': () => ({ input: z.object({ tabId: z.number() }), output: z.object({}) }),
  'local.detect': () => ({
    input: z.object({}),
    output: z.array(
      z.object({
        preset: z.enum(['ollama', 'lmstudio', 'chrome-ai']),
        name: z.string(),
        baseUrl: z.string(),
        models: z.array(z.string()),
        availability: z.optional(z.enum(['available', 'downloadable', 'downloading', 'unavailable'])),
      }),
    ),
  }),
  'chromeAi.status': () => ({ input: z.object({}), output: z.object({ availability: z.enum(['available', 'downloadable', 'downloading', 'unavailable']) }) }),
  'local.add': () => ({ input: z.object({ preset: z.enum(['ollama', 'lmstudio', 'chrome-ai']) }), output: ProviderViewSchema() }),
  'health.status': () => ({
    input: z.object({}),
    output: z.array(
      z.object({
        provider: z.string(),
        name: z.string(),
        circuit: Circuit(),
        errorRate: z.nullable(z.number()),
        ttftMs: z.nullable(z.number()),
        samples: z.number(),
        lastError: z.nullable(z.string()),
        retryInMs: z.number(),
        models: z.array(
          z.object({ model: z.string(), circuit: Circuit(), errorRate: z.number(), lastError: z.nullable(z.string()), retryInMs: z.number() }),
        ),
      }),
    ),
  }),
  'context.fit': () => ({
    input: z.object({
      model: z.string().check(z.minLength(1)),
      text: z.string(),
      parts: z.optional(z.array(z.string()).check(z.maxLength(MAX_TABS))),
      reserveTokens: z._default(z.int().check(z.nonnegative()), 0),
    }),
    output: z.object({
      text: z.string(),
      trimmed: z.boolean(),
      tokens: z.number(),
      originalTokens: z.number(),
      limit: z.number(),
      window: z.number(),
      windowAssumed: z.boolean(),
      noRoom: z.boolean(),
      roomier: z.optional(z.object({ id: z.string(), name: z.string(), contextLength: z.number() })),
      parts: z.optional(z.array(z.object({ text: z.string(), trimmed: z.boolean(), tokens: z.number(), originalTokens: z.number(), limit: z.number() }))),
    }),
  }),
  'chat.estimate': () => ({
    input: z.object({ body: ChatBody }),
    output: z.object({
      promptTokens: z.number(),
      maxCost: z.number(),
      candidates: z.array(z.object({ provider: z.string(), model: z.string(), promptCost: z.nullable(z.number()) })),
      route: z.string(),
    }),
  }),
});

/** An OpenAI chat.completion.chunk, with Switchyard's trace on the last one. */
export const ChatChunk = z.looseObject({
  id: z.string(),
  object: z.literal('chat.completion.chunk'),
  model: z.string(),
  provider: z.string(),
  choices: z.array(z.looseObject({ delta: z.looseObject({}), finish_reason: z.nullable(z.string()) })),
  usage: z.optional(z.looseObject({ cost: z.number() })),
});
export type ChatChunk = z.infer<typeof ChatChunk>;

/** Whether a chunk carries something to show (text, reasoning, a tool call), not only the role. */
export const chunkShowsSomething = (chunk: { choices?: { delta?: Record<string, unknown> }[] }): boolean =>
  (chunk.choices ?? []).some((choice) => Object.entries(choice.delta ?? {}).some(([key, value]) => key !== 'role' && value !== '' && value !== null && value !== undefined));

/** Streams from extension pages to the background, over a runtime port. */
export const backgroundStreams = {
  'chat.completions': {
    input: z.object({ body: ChatBody, source: Source }),
    chunk: ChatChunk,
    shown: chunkShowsSomething,
  },
} satisfies StreamContract;

/** Calls that the background makes to a content script in a tab. */
export const contentCalls = {
  'content.readPage': {
    input: z.object({}),
    output: PageContent,
  },
  /** The user drags out a rectangle on the page; null when they cancel. */
  'content.selectRegion': {
    input: z.object({}),
    output: z.nullable(RegionSchema()),
  },
} satisfies CallContract;
