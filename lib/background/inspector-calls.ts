import { DetailsSettings } from '../ledger/details-store';
import type { ServiceContext } from './service-context';

/**
 * The request inspector's calls: whether, how long and how much of requests' details are kept,
 * and one request's row with what it received, sent and answered.
 */
export function inspectorCalls(ctx: ServiceContext) {
  const { gateways, writer } = ctx;
  return {
    'details.get': async () => ({ ...(await ctx.details.settings.get()), ...(await ctx.details.usage()) }),
    'details.save': async (settings: DetailsSettings) => {
      await ctx.details.settings.save(DetailsSettings.parse(settings));
      gateways.invalidate();
      const dropped = await ctx.details.prune();
      return { ...(await ctx.details.settings.get()), ...(await ctx.details.usage()), dropped };
    },
    'ledger.details': async ({ id }: { id: string }) => {
      await writer.ready();
      await writer.settled();
      const row = (await (await ctx.db()).get('requests', id)) ?? null;
      try {
        return { row, details: (await ctx.details.read(id)) ?? null };
      } catch (error) {
        return { row, details: null, problem: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
