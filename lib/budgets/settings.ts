import { z } from 'zod';

const Cap = z.number().positive().max(1_000_000).optional();
export const Caps = z.object({ daily: Cap, monthly: Cap });
export type Caps = z.infer<typeof Caps>;

/** Spending caps in USD: for everything together and per provider, with a warning share. */
export const BudgetSettings = z.object({
  global: Caps.default({}),
  providers: z.record(z.string(), Caps).default({}),
  /** Warn once spend reaches this share of a cap. */
  warnAt: z.number().min(0.1).max(1).default(0.8),
});
export type BudgetSettings = z.infer<typeof BudgetSettings>;

export const DEFAULT_BUDGETS: BudgetSettings = { global: {}, providers: {}, warnAt: 0.8 };
