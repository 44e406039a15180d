import * as z from 'zod/mini';
import { findPreset } from '../../lib/gateway/providers/presets';
import type { ProviderConfig, ProviderKind } from '../../lib/gateway/providers/types';
import type { Env } from './env';

const ms = z.optional(z.number().check(z.nonnegative()));

/**
 * One provider of the team: a preset (openai, anthropic, …) or a wire format and base URL, and the
 * name of the Worker secret that holds its key (`wrangler secret put OPENAI_API_KEY`).
 */
const TeamProvider = z.strictObject({
  id: z.string().check(z.minLength(1)),
  preset: z.optional(z.string()),
  kind: z.optional(z.enum(['openai', 'anthropic', 'gemini', 'ollama', 'azure', 'bedrock'])),
  baseUrl: z.optional(z.url()),
  keySecret: z.optional(z.string().check(z.regex(/^[A-Z][A-Z0-9_]*$/, 'an upper-case secret name such as OPENAI_API_KEY'))),
  headers: z.optional(z.record(z.string(), z.string())),
  apiVersion: z.optional(z.string()),
  deployments: z.optional(z.record(z.string(), z.string())),
  region: z.optional(z.string()),
});

/** The team gateway's routing settings (the Worker's SWITCHYARD_CONFIG var). */
export const TeamConfig = z.strictObject({
  providers: z.array(TeamProvider).check(z.minLength(1)),
  timeouts: z.optional(z.strictObject({ connectMs: ms, firstTokenMs: ms, idleMs: ms, totalMs: ms })),
  retry: z.optional(z.strictObject({ maxRetries: z.optional(z.int().check(z.nonnegative())), baseDelayMs: ms, maxDelayMs: ms, maxRetryAfterMs: ms, budgetMs: ms })),
  autoTiers: z.optional(z.record(z.enum(['cheap', 'balanced', 'strong']), z.array(z.string()))),
  /** Where the daily catalog refresh reads OpenRouter's model list (its public one by default). */
  openRouterUrl: z.optional(z.url()),
  /**
   * Keep each request's prompt, what each provider was sent (no keys) and the answer, for this many
   * days, shown in the admin page's request log. Off unless set: the ledger keeps metadata only.
   */
  keepDetails: z.optional(z.strictObject({ days: z.int().check(z.minimum(1), z.maximum(365)) })),
});
export type TeamConfig = z.infer<typeof TeamConfig>;

/** A config that cannot be used, with what is wrong in it; the Worker answers 500 with this message. */
export class ConfigError extends Error {}

type ReadConfig = { config: TeamConfig; providers: ProviderConfig[] };
// Read once per isolate: vars and secrets change only with a new deployment, which starts new isolates.
let read: { source: unknown; value: ReadConfig } | undefined;

/** SWITCHYARD_CONFIG, checked, and each provider's key from the Worker's secrets. */
export function readConfig(env: Env): ReadConfig {
  if (read && read.source === env.SWITCHYARD_CONFIG) return read.value;
  const value = parseConfig(env);
  read = { source: env.SWITCHYARD_CONFIG, value };
  return value;
}

function parseConfig(env: Env): ReadConfig {
  let json: unknown;
  try {
    json = JSON.parse(String(env.SWITCHYARD_CONFIG ?? ''));
  } catch {
    throw new ConfigError('SWITCHYARD_CONFIG is not set to JSON (see worker/wrangler.toml).');
  }
  const parsed = TeamConfig.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`SWITCHYARD_CONFIG: ${issue.path.join('.') || 'config'}: ${issue.message}`);
  }
  const providers = parsed.data.providers.map((p): ProviderConfig => {
    const preset = findPreset(p.preset ?? p.id);
    const kind: ProviderKind | undefined = p.kind ?? preset?.kind;
    const baseUrl = p.baseUrl ?? preset?.baseUrl;
    if (!kind || !baseUrl) throw new ConfigError(`SWITCHYARD_CONFIG: provider "${p.id}" needs a preset, or a kind and a baseUrl.`);
    const apiKey = p.keySecret === undefined ? undefined : env[p.keySecret];
    if (p.keySecret !== undefined && (typeof apiKey !== 'string' || !apiKey)) {
      throw new ConfigError(`The secret ${p.keySecret} (provider "${p.id}") is not set: wrangler secret put ${p.keySecret}`);
    }
    return {
      id: p.id,
      kind,
      baseUrl,
      ...(apiKey ? { apiKey: apiKey as string } : {}),
      ...(preset ? { preset: preset.id } : p.preset ? { preset: p.preset } : {}),
      ...((p.headers ?? preset?.headers) ? { headers: { ...preset?.headers, ...p.headers } } : {}),
      ...(p.apiVersion ? { apiVersion: p.apiVersion } : {}),
      ...(p.deployments ? { deployments: p.deployments } : {}),
      ...(p.region ? { region: p.region } : {}),
    };
  });
  return { config: parsed.data, providers };
}
