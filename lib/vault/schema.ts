import * as z from 'zod/mini';
import { later } from '../validation/later';

/** The bounds of a window a user may set for a model (tokens). */
export const MIN_SET_WINDOW = 256;
export const MAX_SET_WINDOW = 10_000_000;

export const ProviderKind = z.enum(['openai', 'anthropic', 'gemini', 'ollama', 'azure', 'bedrock']);

/**
 * A provider as the user sets it up; the key travels apart from it. Every cold start reads the
 * providers, so what few of them set (headers, deployments, timeouts) is built when first present.
 */
export const ProviderSettings = z.object({
  id: z
    .string()
    .check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'ids are lowercase letters, digits and dashes (they prefix model names, e.g. "groq/llama-3.3-70b")')),
  name: z.string().check(z.minLength(1), z.maxLength(80)),
  kind: ProviderKind,
  preset: z.optional(z.string().check(z.maxLength(40))),
  baseUrl: z.url({ protocol: /^(https?|chrome-ai)$/, error: 'the base URL must be an http(s) URL' }),
  headers: z._default(
    later(() => z.record(z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'header names are letters, digits and dashes')), z.string().check(z.maxLength(2000)))),
    {},
  ),
  enabled: z._default(z.boolean(), true),
  /** Azure OpenAI's api-version (Anthropic's version header for the anthropic kind). */
  apiVersion: z.optional(z.string().check(z.regex(/^[\w.-]{1,40}$/, 'an API version looks like 2024-10-21'))),
  /** Amazon Bedrock: the AWS region (read from the endpoint when not set). */
  region: z.optional(z.string().check(z.regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'a region looks like us-east-1'))),
  /** Azure OpenAI: catalog model id → the resource's deployment name. */
  deployments: z.optional(
    later(() =>
      z.record(z.string().check(z.minLength(1), z.maxLength(120)), z.string().check(z.regex(/^[\w.-]{1,64}$/, 'deployment names are letters, digits, dots, dashes and underscores'))),
    ),
  ),
  /** Context windows the user set, by the provider's own model name: they win over any listed or assumed one. */
  contextWindows: z.optional(
    later(() =>
      z.record(
        z.string().check(z.minLength(1), z.maxLength(200)),
        z.int().check(z.minimum(MIN_SET_WINDOW, `a context window is at least ${MIN_SET_WINDOW} tokens`), z.maximum(MAX_SET_WINDOW, 'a context window is at most 10,000,000 tokens')),
      ),
    ),
  ),
  timeouts: z.optional(
    later(() =>
      z.object({
        connectMs: z.optional(z.int().check(z.nonnegative())),
        firstTokenMs: z.optional(z.int().check(z.nonnegative())),
        idleMs: z.optional(z.int().check(z.nonnegative())),
        totalMs: z.optional(z.int().check(z.nonnegative())),
      }),
    ),
  ),
});
export type ProviderSettings = z.infer<typeof ProviderSettings>;

export const Sealed = z.object({ iv: z.string(), data: z.string() });

/** A web search service the user added (Brave Search, Tavily, Exa); the address only for a test or a proxy. */
export const SearchService = z.object({
  kind: z.enum(['brave', 'tavily', 'exa']),
  baseUrl: z.optional(z.url({ protocol: /^https?$/ })),
  /** Whether the background reads the result pages themselves (with access to every site), not only the service's snippets. */
  readPages: z.optional(z.boolean()),
});
export type SearchService = z.infer<typeof SearchService>;

/** The secrets' name for the search service's key: no provider id can take it. */
export const SEARCH_SECRET = '~search';

/** What pages may see of the search service: never its key. */
export interface SearchServiceView extends SearchService {
  keyHint: string | null;
}

/** A key inside the sealed secrets: as entered without a passphrase, sealed again with one. */
export const StoredKey = z.discriminatedUnion('form', [
  z.object({ form: z.literal('plain'), value: z.string() }),
  z.object({ form: z.literal('sealed'), sealed: Sealed }),
]);
export type StoredKey = z.infer<typeof StoredKey>;

/** What the device key seals: every provider's key, by provider id. */
export const Secrets = z.record(z.string(), StoredKey);
export type Secrets = z.infer<typeof Secrets>;

const Lock = z.nullable(later(() => z.object({ salt: z.string(), iterations: z.int().check(z.minimum(100_000)), check: Sealed })));

/** Version 1 kept keys as they are in `keys`, in plain text without a passphrase; read only to migrate. */
export const VaultKeysV1 = z.lazy(() => z.object({ version: z.literal(1), keys: z.record(z.string(), StoredKey) }));

export const VaultData = z.object({
  version: z.literal(2),
  providers: z.array(ProviderSettings),
  /** The keys, sealed with the device key (never in plain text in extension storage); null before the first key. */
  secrets: z.nullable(Sealed),
  /** Set when a passphrase protects the keys too. `check` is a sealed known text to tell a wrong passphrase. */
  lock: Lock,
  /** The last four characters of each key that is set, to show which key it is without revealing it. */
  hints: z.record(z.string(), z.string().check(z.maxLength(4))),
  /** Secrets that could not be read when the user chose to enter keys again: kept, never wiped silently. */
  unreadable: z._default(later(() => z.array(z.object({ setAside: z.number(), secrets: Sealed }))), []),
  /** The web search service for models without search of their own; its key is in the secrets under SEARCH_SECRET. */
  search: z._default(later(() => z.nullable(SearchService)), null),
});
export type VaultData = z.infer<typeof VaultData>;

/** What pages may see of a provider: never the key. */
export interface ProviderView extends ProviderSettings {
  keySet: boolean;
  /** "••••abcd" */
  keyHint: string | null;
}
