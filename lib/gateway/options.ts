import * as z from 'zod/mini';
import { PROMPT_KINDS } from './prompt-kind';

const fn = (what: string) => z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', `must be ${what}`);
const ms = z.optional(z.number().check(z.nonnegative()));

const Provider = z.looseObject({
  id: z.string().check(z.minLength(1)),
  kind: z.enum(['openai', 'anthropic', 'gemini', 'ollama', 'azure', 'bedrock']),
  baseUrl: z.url(),
  apiKey: z.optional(z.string()),
  headers: z.optional(z.record(z.string(), z.string())),
  preset: z.optional(z.string()),
  apiVersion: z.optional(z.string()),
  deployments: z.optional(z.record(z.string(), z.string())),
  region: z.optional(z.string()),
  timeouts: z.optional(z.strictObject({ connectMs: ms, firstTokenMs: ms, idleMs: ms, totalMs: ms })),
});

/** What createGateway accepts; unknown keys are refused, so a misspelt option is not silently ignored. */
let schema: z.ZodMiniType | undefined;
const options = () =>
  (schema ??= z.strictObject({
    providers: z.array(Provider),
    catalog: z.optional(z.custom((v) => typeof (v as { findEndpoint?: unknown } | null)?.findEndpoint === 'function', 'must be a Catalog (createCatalog in lib/catalog)')),
    fetch: z.optional(fn('a fetch function')),
    onRecord: z.optional(fn('a function')),
    beforeRequest: z.optional(fn('a function')),
    onStart: z.optional(fn('a function')),
    onProgress: z.optional(fn('a function')),
    progressEveryMs: ms,
    timeouts: z.optional(z.strictObject({ connectMs: ms, firstTokenMs: ms, idleMs: ms, totalMs: ms })),
    retry: z.optional(z.strictObject({ maxRetries: z.optional(z.int().check(z.nonnegative())), baseDelayMs: ms, maxDelayMs: ms, maxRetryAfterMs: ms, budgetMs: ms })),
    health: z.optional(z.looseObject({})),
    tokenizer: z.optional(z.custom((v) => typeof (v as { count?: unknown } | null)?.count === 'function', 'must be a TokenCounter (approximateCounter, tiktokenCounter, lazyCounter)')),
    autoTiers: z.optional(z.record(z.enum(['cheap', 'balanced', 'strong']), z.array(z.string()))),
    autoPreferences: z.optional(z.union([z.partialRecord(z.enum(PROMPT_KINDS), z.array(z.string())), fn('a function giving the preferences')])),
    now: z.optional(fn('a clock function')),
    keepDetails: z.optional(z.boolean()),
    search: z.optional(z.strictObject({ kind: z.enum(['brave', 'tavily', 'exa']), apiKey: z.string().check(z.minLength(1)), baseUrl: z.optional(z.url()), readPage: z.optional(fn('a function reading a page')) })),
  }));

/** Refuses options that would fail later, naming the option (e.g. "providers[1].kind"). */
export function checkGatewayOptions(value: unknown): void {
  const result = options().safeParse(value);
  if (result.success) return;
  const issue = result.error.issues[0]!;
  const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
  const name = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => (path ? `${path}.${k}` : k)).join(', ') : path || 'options';
  throw new TypeError(`createGateway: ${name}: ${issue.message}`);
}
