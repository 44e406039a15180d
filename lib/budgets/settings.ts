import * as z from 'zod/mini';

const Cap = z.optional(z.number().check(z.positive(), z.maximum(1_000_000)));
export const Caps = z.object({ daily: Cap, monthly: Cap });
export type Caps = z.infer<typeof Caps>;

/** Spending caps in USD: for everything together and per provider, with a warning share. */
export const BudgetSettings = z.object({
  global: z._default(Caps, {}),
  providers: z._default(z.record(z.string(), Caps), {}),
  /** Warn once spend reaches this share of a cap. */
  warnAt: z._default(z.number().check(z.minimum(0.1), z.maximum(1)), 0.8),
});
export type BudgetSettings = z.infer<typeof BudgetSettings>;

export const DEFAULT_BUDGETS: BudgetSettings = { global: {}, providers: {}, warnAt: 0.8 };
