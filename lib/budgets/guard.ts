import { GatewayError } from '../gateway/errors';
import { dayOf, monthOf } from '../ledger/days';
import type { BudgetSettings } from './settings';

/** Spend in USD between two local days (inclusive), overall or for one provider. */
export type SpentBetween = (from: string, to: string, provider?: string) => Promise<number>;

export interface CapStatus {
  scope: string;
  period: 'daily' | 'monthly';
  cap: number;
  spent: number;
  /** Held for requests still running. */
  reserved: number;
  share: number;
  warn: boolean;
  exhausted: boolean;
}

export function usd(value: number): string {
  if (value === 0) return '$0';
  if (value < 0.0001) return `$${value.toPrecision(2)}`;
  return `$${value.toFixed(value < 1 ? 4 : 2)}`;
}

/**
 * Checks caps before a request is sent. Spend comes from the ledger's daily totals; requests in
 * flight hold their worst-case cost until their row is written, and checks run one at a time,
 * so concurrent requests cannot together pass a cap.
 */
export class BudgetGuard {
  private readonly holds = new Map<string, { provider: string; amount: number }>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly settings: () => Promise<BudgetSettings>,
    private readonly spentBetween: SpentBetween,
    private readonly now: () => number = Date.now,
  ) {}

  private reservedFor(provider?: string): number {
    let sum = 0;
    for (const hold of this.holds.values()) if (!provider || hold.provider === provider) sum += hold.amount;
    return sum;
  }

  async status(): Promise<CapStatus[]> {
    const settings = await this.settings();
    const now = this.now();
    const today = dayOf(now);
    const month = monthOf(now);
    const out: CapStatus[] = [];
    const scopes: [string, string | undefined, BudgetSettings['global']][] = [
      ['all providers', undefined, settings.global],
      ...Object.entries(settings.providers).map(([id, caps]): [string, string, BudgetSettings['global']] => [id, id, caps]),
    ];
    for (const [scope, provider, caps] of scopes) {
      for (const period of ['daily', 'monthly'] as const) {
        const cap = caps[period];
        if (cap === undefined) continue;
        const spent = period === 'daily' ? await this.spentBetween(today, today, provider) : await this.spentBetween(month.first, month.last, provider);
        const reserved = this.reservedFor(provider);
        const share = (spent + reserved) / cap;
        out.push({ scope, period, cap, spent, reserved, share, warn: share >= settings.warnAt, exhausted: spent >= cap });
      }
    }
    return out;
  }

  /** Refuses with 402 when the request could take any cap past its limit; else holds its cost. */
  admit(requestId: string, provider: string, maxCost: number): Promise<void> {
    const run = this.queue.then(async () => {
      for (const status of await this.status()) {
        const applies = status.scope === 'all providers' || status.scope === provider;
        if (!applies) continue;
        if (status.spent + status.reserved + maxCost > status.cap) {
          const left = Math.max(0, status.cap - status.spent - status.reserved);
          throw new GatewayError(
            402,
            'insufficient_quota',
            'budget_exceeded',
            `The ${status.period} budget for ${status.scope} (${usd(status.cap)}) would be exceeded: ${usd(status.spent)} spent` +
              `${status.reserved > 0 ? `, ${usd(status.reserved)} held by running requests` : ''}, and this request may cost up to ${usd(maxCost)} ` +
              `(${usd(left)} left). Raise the budget in Switchyard's options or wait for the next ${status.period === 'daily' ? 'day' : 'month'}.`,
          );
        }
      }
      this.holds.set(requestId, { provider, amount: maxCost });
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** What a running request holds against the caps (its worst-case cost). */
  held(requestId: string): number | undefined {
    return this.holds.get(requestId)?.amount;
  }

  /** Drops a request's hold; call after its ledger row is written. */
  release(requestId: string): void {
    this.holds.delete(requestId);
  }
}
