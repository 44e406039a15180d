import { handleAdminRequest } from './admin-api';
import { adminAsset } from './admin-page';
import { refreshTeamCatalog } from './catalog';
import { ConfigError, readConfig } from './config';
import type { Env, ExecutionContext } from './env';
import { fail } from './fail';
import { handleMemberRequest } from './member-api';
import { pruneRequestDetails } from './details-store';
import { pruneResponses } from './responses-store';

// The members' ledger objects (wrangler.toml binds them as MEMBERS).
export { MemberLedger } from './member-ledger';

/**
 * Switchyard's gateway as a team gateway on Cloudflare Workers: members call /v1/… with their own
 * keys (budgets, models and rates per member, a D1 ledger row per request), the team's provider
 * keys stay in the Worker's secrets, and /admin shows the spend.
 */
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const path = new URL(request.url).pathname.replace(/\/+$/, '') || '/';
    if (path === '/') return Response.redirect(new URL('/admin', request.url).href, 302);
    const asset = request.method === 'GET' ? adminAsset(path) : undefined;
    if (asset) return asset;
    try {
      if (path.startsWith('/admin/')) return await handleAdminRequest(request, env, path);
      if (path.startsWith('/v1/')) return await handleMemberRequest(request, env, ctx, path);
    } catch (error) {
      if (error instanceof ConfigError) return fail(500, 'api_error', 'gateway_misconfigured', error.message);
      throw error;
    }
    return fail(404, 'not_found_error', 'unknown_route', `The team gateway serves /v1/… (OpenAI's API) and /admin, not ${path}.`);
  },

  /** The cron trigger (wrangler.toml): the daily refresh of models and prices, and stored responses past their keeping. */
  async scheduled(_event: unknown, env: Env, ctx: ExecutionContext): Promise<void> {
    ctx.waitUntil(refreshTeamCatalog(env.DB, readConfig(env)));
    ctx.waitUntil(pruneResponses(env.DB));
    // With keeping turned off since, what was kept goes too.
    ctx.waitUntil(pruneRequestDetails(env.DB, readConfig(env).config.keepDetails?.days ?? 0));
  },
};
