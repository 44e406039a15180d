import * as z from 'zod/mini';
import { BudgetSettings } from '../budgets/settings';
import { pruneResponses } from '../ledger/responses-store';
import { listRequests, spentBetween } from '../ledger/ledger';
import { DEFAULT_RETENTION, pruneRequests, RETENTION_KEY, RetentionSettings, retentionCutoff } from '../ledger/retention';
import { dashboardSummary } from '../ledger/summary';
import { signalsSummary } from '../ledger/signals-summary';
import { MessagingError } from '../messaging/rpc';
import { parseBackup, type SettingsBackup } from '../settings/backup';
import { RoutingSettings } from '../settings/routing';
import type { ServiceContext } from './service-context';

/** The calls about the user's settings (routing, budgets, retention, a backup) and the ledger the dashboard reads. */
export function settingsCalls(ctx: ServiceContext) {
  const { local, vault, gateways, writer, now } = ctx;

  async function loadRetention(): Promise<RetentionSettings> {
    return z.catch(RetentionSettings, DEFAULT_RETENTION).parse((await local.get(RETENTION_KEY)) ?? DEFAULT_RETENTION);
  }

  /** Drops request rows older than the retention setting allows (daily totals stay). */
  async function applyRetention(): Promise<number> {
    const { keepMonths } = await loadRetention();
    await writer.ready();
    const cutoff = keepMonths === null ? null : retentionCutoff(keepMonths, now());
    await pruneResponses(await ctx.db(), cutoff, now());
    await ctx.details.prune();
    if (cutoff === null) return 0;
    return pruneRequests(await ctx.db(), cutoff);
  }

  const calls = {
    'routing.get': () => ctx.routing.get(),
    'routing.save': async (settings: RoutingSettings) => {
      await ctx.routing.save(RoutingSettings.parse(settings));
      gateways.invalidate();
      return settings;
    },
    /** A page saved a vote: `auto` learns it with the next request. */
    'votes.changed': async () => {
      gateways.invalidate();
      return {};
    },
    'budgets.get': () => ctx.budgetCaps.get(),
    'budgets.save': async (settings: BudgetSettings) => {
      await ctx.budgetCaps.save(BudgetSettings.parse(settings));
      return settings;
    },
    'budgets.status': () => ctx.budgets.status(),
    'retention.get': loadRetention,
    'retention.save': async (settings: RetentionSettings) => {
      const saved = RetentionSettings.parse(settings);
      await local.set(RETENTION_KEY, saved);
      return { ...saved, deleted: await applyRetention() };
    },
    'settings.export': async ({ includeKeys }: { includeKeys: boolean }) => {
      const backup: SettingsBackup = {
        switchyard: 1,
        exportedAt: new Date(now()).toISOString(),
        providers: await vault.exportProviders(includeKeys),
        routing: await ctx.routing.get(),
        budgets: await ctx.budgetCaps.get(),
      };
      return { json: JSON.stringify(backup, null, 2) };
    },
    'settings.import': async ({ json }: { json: string }) => {
      const parsed = parseBackup(json);
      if (!parsed.ok) throw new MessagingError('invalid_settings', parsed.error);
      const { providers, routing, budgets: caps } = parsed.backup;
      await vault.replaceProviders(providers.map(({ apiKey, ...settings }) => ({ settings, ...(apiKey ? { apiKey } : {}) })));
      await ctx.routing.save(routing);
      await ctx.budgetCaps.save(caps);
      gateways.invalidate();
      return { providers: providers.length, keys: providers.filter((p) => p.apiKey).length };
    },
    'dashboard.summary': async ({ from, to }: { from: string; to: string }) => {
      await writer.ready();
      return dashboardSummary(await ctx.db(), from, to);
    },
    'dashboard.signals': async ({ from, to }: { from: string; to: string }) => {
      await writer.ready();
      return signalsSummary(await ctx.db(), from, to);
    },
    'ledger.list': async ({ filter, page, pageSize }: { filter: Parameters<typeof listRequests>[1]; page: number; pageSize: number }) => {
      await writer.ready();
      return listRequests(await ctx.db(), filter, page, pageSize);
    },
    'ledger.spent': async ({ from, to, provider }: { from: string; to: string; provider?: string }) => {
      await writer.ready();
      return { cost: await spentBetween(await ctx.db(), from, to, provider) };
    },
  };
  return { calls, applyRetention };
}
