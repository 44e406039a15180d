import { createCatalog } from '../catalog/catalog';
import { mergeProviderModels } from '../catalog/provider-models';
import { withSetWindows } from '../catalog/set-windows';
import { CHROME_AI_MODEL } from '../gateway/chrome-ai/fetch';
import type { Availability } from '../gateway/chrome-ai/prompt-api';
import { detectLocalServers } from '../gateway/local-detect';
import { listProviderModels } from '../gateway/providers';
import { servesCatalog } from '../gateway/providers/presets';
import { refreshCatalog } from '../gateway/refresh-catalog';
import { MessagingError } from '../messaging/rpc';
import { teamBudget } from '../team/key-status';
import { withInstalled } from './gateway-holder';
import { providerHealth } from './health-view';
import type { ModelSummaries } from './model-summaries';
import { fitPage, type PageFitRequest } from './page-fit';
import { INSTALLED_KEY, type ServiceContext } from './service-context';

/** The calls about providers and their models: keys, listing, the catalog, local servers, health, and what fits a model's window. */
export function providerCalls(ctx: ServiceContext, modelSummaries: () => Promise<ModelSummaries>) {
  const { vault, catalogs, gateways, local, now } = ctx;
  const health = () => ctx.writer.health;
  const enabledProvider = async (id: string) => {
    const provider = (await vault.providerConfigs()).find((p) => p.id === id);
    if (!provider) throw new MessagingError('not_found', `No enabled provider "${id}".`);
    return provider;
  };
  return {
    'providers.list': () => vault.providers(),
    'providers.save': async ({ settings, apiKey }: { settings: Record<string, unknown>; apiKey?: string | null }) => {
      const before = (await vault.providers()).find((p) => p.id === settings.id);
      const view = await vault.saveProvider(settings, apiKey);
      // A new key or address is a new start: earlier failures (a refused key) no longer apply.
      if (apiKey !== undefined || before?.baseUrl !== view.baseUrl) health().forget(view.id);
      gateways.invalidate();
      return view;
    },
    'search.get': () => vault.searchService(),
    'search.save': async ({ service, apiKey }: { service: Record<string, unknown> | null; apiKey?: string }) => {
      const view = await vault.saveSearchService(service, apiKey);
      gateways.invalidate();
      return view;
    },
    'providers.remove': async ({ id }: { id: string }) => {
      await vault.removeProvider(id);
      health().forget(id);
      gateways.invalidate();
      return {};
    },
    /** Lists a provider's own models into the catalog, so its models (a custom host's, a local server's) can be picked. */
    'providers.sync': async ({ id }: { id: string }) => {
      const provider = await enabledProvider(id);
      const models = await listProviderModels(provider, ctx.fetchAll, AbortSignal.timeout(15_000));
      const preset = provider.preset ?? provider.id;
      const isLocal = preset === 'ollama' || preset === 'lmstudio';
      const before = await catalogs.snapshot();
      const after = mergeProviderModels(before, preset, models, isLocal, new Date(now()).toISOString().slice(0, 10));
      await catalogs.save(after);
      if (isLocal) await local.set(INSTALLED_KEY, { ...(await ctx.installedModels()), [id]: models.map((m) => m.id) });
      gateways.invalidate();
      return { listed: models.length, added: after.models.length - before.models.length };
    },
    'providers.test': async ({ id }: { id: string }) => {
      const models = await listProviderModels(await enabledProvider(id), ctx.fetchAll, AbortSignal.timeout(15_000));
      return { models: models.map((m) => ({ id: m.id, ...(m.name ? { name: m.name } : {}) })) };
    },
    'catalog.models': modelSummaries,
    'catalog.refresh': async () => {
      const report = await refreshCatalog(await catalogs.snapshot(), { fetch: ctx.fetch, providers: await vault.providerConfigs().catch(() => []) });
      await catalogs.save(report.snapshot);
      // Local servers serve what is installed now: models pulled or deleted since show up as such.
      const locals = (await vault.providers()).filter((p) => p.preset === 'ollama' || p.preset === 'lmstudio');
      const installed = await ctx.installedModels();
      for (const p of locals) if (report.listed[p.id]) installed[p.id] = report.listed[p.id]!;
      await local.set(INSTALLED_KEY, installed);
      gateways.invalidate();
      return { sourceDate: report.snapshot.sourceDate, sources: report.sources };
    },
    'local.detect': async () => {
      const configured = new Set((await vault.providers()).map((p) => p.preset ?? p.id));
      const servers: { preset: 'ollama' | 'lmstudio' | 'chrome-ai'; name: string; baseUrl: string; models: string[]; availability?: Availability }[] = (
        await detectLocalServers(ctx.fetch, ctx.localServers)
      ).map(({ listed: _listed, ...server }) => server);
      const availability = await ctx.promptApi?.availability().catch(() => 'unavailable' as const);
      if (availability && availability !== 'unavailable') {
        servers.push({ preset: 'chrome-ai', name: "Chrome's built-in model", baseUrl: 'chrome-ai://local/v1', models: [CHROME_AI_MODEL], availability });
      }
      return servers.filter((s) => !configured.has(s.preset));
    },
    'chromeAi.status': async () => ({ availability: (await ctx.promptApi?.availability().catch(() => 'unavailable' as const)) ?? ('unavailable' as const) }),
    'local.add': async ({ preset }: { preset: 'ollama' | 'lmstudio' | 'chrome-ai' }) => {
      if (preset === 'chrome-ai') {
        const view = await vault.saveProvider({ id: 'chrome-ai', name: "Chrome's built-in model", kind: 'openai', preset, baseUrl: 'chrome-ai://local/v1' });
        gateways.invalidate();
        return view;
      }
      const server = (await detectLocalServers(ctx.fetch, ctx.localServers)).find((s) => s.preset === preset);
      if (!server) throw new MessagingError('not_found', `${preset === 'ollama' ? 'Ollama' : 'LM Studio'} is not answering on this computer.`);
      const taken = new Set((await vault.providers()).map((p) => p.id));
      let id: string = preset;
      for (let n = 2; taken.has(id); n++) id = `${preset}-${n}`;
      const view = await vault.saveProvider({ id, name: server.name, kind: preset === 'ollama' ? 'ollama' : 'openai', preset, baseUrl: server.baseUrl });
      await local.set(INSTALLED_KEY, { ...(await ctx.installedModels()), [id]: server.models });
      await catalogs.save(mergeProviderModels(await catalogs.snapshot(), preset, server.listed, true));
      gateways.invalidate();
      return view;
    },
    'team.budgets': async () => {
      const [configs, views] = await Promise.all([vault.providerConfigs().catch(() => []), vault.providers()]);
      const teams = configs.filter(servesCatalog).map((p) => ({ ...p, name: views.find((v) => v.id === p.id)?.name ?? p.id }));
      return Promise.all(teams.map((p) => teamBudget(p, ctx.fetchAll, AbortSignal.timeout(10_000))));
    },
    'health.status': async () => {
      await ctx.writer.ready();
      return (await vault.providers()).filter((p) => p.enabled).map((p) => ({ provider: p.id, name: p.name, ...providerHealth(health(), p.id) }));
    },
    'context.fit': async (request: PageFitRequest) => {
      const [configs, snapshot, installed] = await Promise.all([vault.providerConfigs(), catalogs.snapshot(), ctx.installedModels()]);
      const providers = withInstalled(configs, installed);
      return fitPage(request, providers, createCatalog(withSetWindows(snapshot, providers)), ctx.counter);
    },
    'chat.estimate': async ({ body }: { body: Record<string, unknown> }) => (await gateways.for(body)).estimate(body),
  };
}
