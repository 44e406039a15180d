import { z } from 'zod';

const Tier = z.array(z.string().min(1)).max(10);

/** How requests are routed when they do not say so themselves. */
export const RoutingSettings = z.object({
  /** Models tried, in order, after the requested one fails. */
  fallbackChain: z.array(z.string().min(1)).max(10).default([]),
  /** Providers preferred first when several serve a model. */
  providerOrder: z.array(z.string().min(1)).max(20).default([]),
  sort: z.enum(['none', 'price', 'latency', 'throughput']).default('none'),
  autoTiers: z.object({ cheap: Tier, balanced: Tier, strong: Tier }).optional(),
  timeouts: z
    .object({
      connectMs: z.number().int().min(1_000).max(600_000),
      firstTokenMs: z.number().int().min(1_000).max(1_800_000),
      idleMs: z.number().int().min(1_000).max(600_000),
      totalMs: z.number().int().min(5_000).max(3_600_000),
    })
    .partial()
    .default({}),
  retry: z.object({ maxRetries: z.number().int().min(0).max(5), maxRetryAfterMs: z.number().int().min(0).max(120_000) }).partial().default({}),
});
export type RoutingSettings = z.infer<typeof RoutingSettings>;

export const DEFAULT_ROUTING: RoutingSettings = RoutingSettings.parse({});

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
