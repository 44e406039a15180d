import { createGatewayWith, GatewayError, HealthTracker, messagesEndpoint, responsesEndpointWith, type BeforeRequestInfo } from '../../lib/gateway';
import { afterBooking } from './booked';
import { d1ResponseStore } from './responses-store';
import { acceptResponsesSocket } from './responses-socket';
import { teamCatalog } from './catalog';
import { readConfig } from './config';
import { saveRequestDetails } from './details-store';
import { failFor } from './fail';
import type { Env, ExecutionContext } from './env';
import { presentedKey } from './keys';
import { ledgerOf, limitsOf } from './ledgers';
import type { Refusal } from './member-ledger';
import { allowsModel, memberByKey, type Member } from './members';
import { otlpConfig, type OtlpConfig } from './otlp-config';
import { exportRecord } from './telemetry';

// Per isolate: provider health is shared by every request it serves (and so is the catalog, ./catalog.ts).
const health = new HealthTracker();

/**
 * Members by their key, per isolate: what a key names never changes, and what a member may do
 * (its budgets, models, rate, a revocation) is its ledger object's to enforce, from the admin's
 * latest word. So a request reads D1, and hashes its key, only for a key this isolate has not seen.
 */
const members = new Map<string, Member>();
const MAX_CACHED = 10_000;

async function memberFor(env: Env, key: string): Promise<Member | undefined> {
  const cached = members.get(key);
  if (cached) return cached;
  const member = await memberByKey(env.DB, key);
  if (member) {
    if (members.size >= MAX_CACHED) members.delete(members.keys().next().value!);
    members.set(key, member);
  }
  return member;
}

/** The OpenTelemetry exporter's settings (OTEL_* vars); a bad one is logged, and nothing is exported. */
function telemetryOf(env: Env): OtlpConfig | undefined {
  try {
    return otlpConfig(env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return undefined;
  }
}

const revokedMessage = (member: Member) => `The key of "${member.name}" was revoked; ask the team's admin for a new one.`;

const ENDPOINTS: Record<string, string> = { '/v1/chat/completions': 'chat', '/v1/responses': 'responses', '/v1/messages': 'messages', '/v1/embeddings': 'embeddings' };

function refusal(reason: Refusal, member: Member, model?: string): GatewayError {
  if (reason === 'key_revoked') return new GatewayError(401, 'authentication_error', reason, revokedMessage(member));
  if (reason === 'model_not_allowed') return new GatewayError(403, 'permission_error', reason, `"${member.name}" may not use ${model}; allowed: ${member.models.join(', ')}.`, { param: 'model' });
  if (reason === 'rate_limited') {
    return new GatewayError(429, 'rate_limit_error', reason, `This key may send ${member.rpm} requests a minute; wait a moment.`, { retryAfterMs: 60_000 });
  }
  const [period, limit] = reason === 'over_daily_budget' ? ['daily', member.budget.daily] : ['monthly', member.budget.monthly];
  return new GatewayError(402, 'insufficient_quota', reason, `This request could take "${member.name}" past its ${period} budget of $${limit}; nothing was sent.`);
}

const hasBudget = (member: Member) => member.budget.daily !== null || member.budget.monthly !== null;

/** The models a request may reach: the one it names and every candidate the gateway would try. */
function modelsOf(info: BeforeRequestInfo): string[] {
  return [info.request.model, ...info.candidates.map((c) => c.entry?.model.id ?? `${c.provider.id}/${c.model}`)];
}

/** A member's budgets and what is left of them, as GET /v1/key answers (OpenRouter's /key, for a team). */
async function keyStatus(env: Env, member: Member): Promise<Response> {
  const spent = await ledgerOf(env, member.id).usage(member.id);
  const left = (limit: number | null, used: number) => (limit === null ? null : Math.max(0, Math.round((limit - used) * 1e8) / 1e8));
  return Response.json({
    data: {
      id: member.id,
      name: member.name,
      budget: member.budget,
      spent: { day: spent.day, month: spent.month },
      remaining: { day: left(member.budget.daily, spent.day), month: left(member.budget.monthly, spent.month) },
      models: member.models,
      rpm: member.rpm,
    },
  });
}

/**
 * /v1/…: a member's request, with its key checked first. The gateway (lib/gateway, unchanged)
 * serves it with the team's provider keys; before it sends anything, the request's row is written
 * to D1 if the member's budgets and rate allow, and the row is completed when the request ends.
 */
export async function handleMemberRequest(request: Request, env: Env, ctx: ExecutionContext, path: string): Promise<Response> {
  const key = presentedKey(request);
  if (!key) return failFor(path, 401, 'authentication_error', 'missing_api_key', 'Send your member key as "Authorization: Bearer sy-team-…" (or "x-api-key: sy-team-…").');
  const member = await memberFor(env, key);
  if (!member) return failFor(path, 401, 'authentication_error', 'invalid_api_key', 'This key is not a member key of this team gateway.');
  const ledger = ledgerOf(env, member.id);
  // Model requests learn of a revocation from the member object as they are admitted; a look at
  // /v1/key or /v1/models asks it first.
  if (!ENDPOINTS[path] && (await ledger.usage(member.id, limitsOf(member))).revoked) {
    return failFor(path, 401, 'authentication_error', 'key_revoked', revokedMessage(member));
  }
  if (path === '/v1/key') return keyStatus(env, member);

  const { config, providers } = readConfig(env);
  const endpoint = ENDPOINTS[path] ?? (path.startsWith('/v1/responses/') ? 'responses' : 'chat');
  // The options come from the config checked by readConfig, so the unchecked constructor will do.
  // The request's completion in the member's object: the answer waits for it (./booked.ts).
  let booking: Promise<void> | undefined;
  const telemetry = telemetryOf(env);
  const gateway = createGatewayWith({
    providers,
    catalog: await teamCatalog(env.DB),
    // A member's stored responses are theirs alone: the store is asked for them under their id.
    responses: responsesEndpointWith({ store: d1ResponseStore(env.DB), owner: member.id }),
    messages: messagesEndpoint,
    health,
    ...(config.timeouts ? { timeouts: config.timeouts } : {}),
    ...(config.retry ? { retry: config.retry } : {}),
    ...(config.autoTiers ? { autoTiers: config.autoTiers } : {}),
    // Prompts and answers are kept (./details-store.ts), or reach the collector, only when the team asks.
    keepDetails: Boolean(config.keepDetails) || (telemetry?.captureContent ?? false),
    beforeRequest: async (info) => {
      // A model the catalog has no price for would cost the team without counting against a budget.
      const unpriced = hasBudget(member) ? info.candidates.find((c) => !c.entry || c.entry.model.unpriced) : undefined;
      if (unpriced && allowsModel(member, info.request.model)) {
        throw new GatewayError(403, 'permission_error', 'model_unpriced', `The team gateway has no price for ${unpriced.provider.id}/${unpriced.model}, so a key with a budget may not use it.`, { param: 'model' });
      }
      // One call to the member's object: its key, models, rate and budgets, and the request's row kept.
      const refused = await ledger.admit(member.id, limitsOf(member), {
        id: info.id,
        startedAt: Date.now(),
        endpoint,
        source: info.source,
        requestedModel: info.request.model,
        models: modelsOf(info),
        reserve: info.maxCost,
      });
      if (refused) throw refusal(refused.refusal, member, refused.model);
    },
    onRecord: (record) => {
      booking = ledger.complete(member.id, record).catch((error: unknown) => console.error('ledger', record.id, error));
      ctx.waitUntil(booking);
      // After the answer, apart from it: a slow or dead collector holds nothing up.
      if (telemetry) ctx.waitUntil(exportRecord(telemetry, record, { id: member.id, name: member.name }));
      if (config.keepDetails && record.details) {
        ctx.waitUntil(saveRequestDetails(env.DB, record.id, member.id, record.startedAt, record.details).catch((error: unknown) => console.error('details', record.id, error)));
      }
      return booking;
    },
  });

  if (path === '/v1/responses' && request.headers.get('upgrade')?.toLowerCase() === 'websocket') return acceptResponsesSocket(request, gateway);
  if (path === '/v1/models' && request.method === 'GET') {
    const listed = (await (await gateway.fetch(request)).json()) as { object: string; data: { id: string }[] };
    return Response.json({ ...listed, data: listed.data.filter((m) => allowsModel(member, m.id)) });
  }
  return afterBooking(await gateway.fetch(request), () => booking);
}
