import * as z from 'zod/mini';
import { later } from '../validation/later';

const tier = () => z.array(z.string().check(z.minLength(1))).check(z.maxLength(10));

/**
 * How requests are routed when they do not say so themselves. Built when a stored setting is first
 * read: a cold worker whose user kept the defaults never needs it (see DEFAULT_ROUTING).
 */
export const RoutingSettings = z.lazy(() =>
  z.object({
    /** Models tried, in order, after the requested one fails. */
    fallbackChain: z._default(z.array(z.string().check(z.minLength(1))).check(z.maxLength(10)), []),
    /** Providers preferred first when several serve a model. */
    providerOrder: z._default(z.array(z.string().check(z.minLength(1))).check(z.maxLength(20)), []),
    sort: z._default(z.enum(['none', 'price', 'latency', 'throughput']), 'none'),
    // Few users set tiers: built when a setting first carries them.
    autoTiers: z.optional(later(() => z.object({ cheap: tier(), balanced: tier(), strong: tier() }))),
    /** `auto` tries first, per kind of prompt, the models the user picked as best in comparisons ('auto': once there are a few votes). */
    learnFromVotes: z._default(z.enum(['auto', 'on', 'off']), 'auto'),
    timeouts: z._default(
      z.partial(
        z.object({
          connectMs: z.int().check(z.minimum(1_000), z.maximum(600_000)),
          firstTokenMs: z.int().check(z.minimum(1_000), z.maximum(1_800_000)),
          idleMs: z.int().check(z.minimum(1_000), z.maximum(600_000)),
          totalMs: z.int().check(z.minimum(5_000), z.maximum(3_600_000)),
        }),
      ),
      {},
    ),
    retry: z._default(z.partial(z.object({ maxRetries: z.int().check(z.minimum(0), z.maximum(5)), maxRetryAfterMs: z.int().check(z.minimum(0), z.maximum(120_000)) })), {}),
  }),
);
export type RoutingSettings = z.infer<typeof RoutingSettings>;

/** What `RoutingSettings.parse({})` gives (a test holds the two equal), without building the schema. */
export const DEFAULT_ROUTING: RoutingSettings = { fallbackChain: [], providerOrder: [], sort: 'none', learnFromVotes: 'auto', timeouts: {}, retry: {} };

/** Adds the user's routing defaults to a request that does not set them itself. */
export function withRoutingDefaults(body: Record<string, unknown>, routing: RoutingSettings): Record<string, unknown> {
  const out = { ...body };
  if (out.models === undefined && routing.fallbackChain.length > 0) {
    out.models = routing.fallbackChain.filter((m) => m !== body.model);
  }
  if (out.provider === undefined && (routing.providerOrder.length > 0 || routing.sort !== 'none')) {
    out.provider = {
      ...(routing.providerOrder.length ? { order: routing.providerOrder } : {}),
      ...(routing.sort !== 'none' ? { sort: routing.sort } : {}),
    };
  }
  return out;
}
