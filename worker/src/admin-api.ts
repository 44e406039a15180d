import { refreshTeamCatalog, teamCatalog } from './catalog';
import { readConfig } from './config';
import type { Env } from './env';
import { readRequestDetails } from './details-store';
import { fail } from './fail';
import { presentedKey, sameSecret } from './keys';
import { spendReport } from './ledger';
import { memberRequests, signalsReport } from './signals-report';
import { flushLedgers, ledgerOf, limitsOf } from './ledgers';
import { createMember, listMembers, memberById, MemberInput, MemberPatch, revokeMember, updateMember, type Member } from './members';


/** A member's new limits, to its ledger object, which enforces them from the next request. */
const tellLedger = (env: Env, member: Member) => ledgerOf(env, member.id).setLimits(member.id, limitsOf(member));

async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return undefined;
  }
}

function invalid(issues: { path: PropertyKey[]; message: string }[]): Response {
  const issue = issues[0]!;
  return fail(400, 'invalid_request_error', 'invalid_member', `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`);
}

/** A moment from a query parameter (an ISO date or milliseconds), or the fallback. */
function moment(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * /admin/…, for the holder of the admin key: members (make, list, change, revoke) and the spend
 * per member and per model from the D1 ledger.
 */
export async function handleAdminRequest(request: Request, env: Env, path: string): Promise<Response> {
  if (typeof env.ADMIN_KEY !== 'string' || !env.ADMIN_KEY) return fail(500, 'api_error', 'gateway_misconfigured', 'ADMIN_KEY is not set: wrangler secret put ADMIN_KEY');
  if (!(await sameSecret(presentedKey(request), env.ADMIN_KEY))) return fail(401, 'authentication_error', 'invalid_admin_key', 'This is not the admin key of this team gateway.');

  const db = env.DB;
  if (path === '/admin/members') {
    if (request.method === 'GET') return Response.json({ data: await listMembers(db) });
    if (request.method === 'POST') {
      const parsed = MemberInput.safeParse(await jsonBody(request));
      if (!parsed.success) return invalid(parsed.error.issues);
      const { member, key } = await createMember(db, parsed.data);
      // The key is shown this once; D1 keeps only its hash.
      return Response.json({ data: member, key }, { status: 201 });
    }
    return fail(405, 'invalid_request_error', 'method_not_allowed', 'Use GET or POST here.');
  }
  const one = path.match(/^\/admin\/members\/([\w-]+)$/);
  if (one) {
    const id = one[1]!;
    if (request.method === 'PATCH') {
      const parsed = MemberPatch.safeParse(await jsonBody(request));
      if (!parsed.success) return invalid(parsed.error.issues);
      const member = await updateMember(db, id, parsed.data);
      if (member) await tellLedger(env, member);
      return member ? Response.json({ data: member }) : fail(404, 'not_found_error', 'no_such_member', `No member ${id}.`);
    }
    if (request.method === 'DELETE') {
      if (!(await revokeMember(db, id))) return fail(404, 'not_found_error', 'no_such_member', `No member ${id} with a key still valid.`);
      // Refused at once everywhere: the member's object refuses its next request, whichever isolate sends it.
      await tellLedger(env, (await memberById(db, id))!);
      return Response.json({ revoked: id });
    }
    return fail(405, 'invalid_request_error', 'method_not_allowed', 'Use PATCH or DELETE here.');
  }
  if (path === '/admin/catalog' && request.method === 'GET') {
    const catalog = await teamCatalog(db);
    return Response.json({ sourceDate: catalog.sourceDate, models: catalog.all().length });
  }
  if (path === '/admin/catalog/refresh' && request.method === 'POST') {
    return Response.json(await refreshTeamCatalog(db, readConfig(env)));
  }
  if (path === '/admin/spend' && request.method === 'GET') {
    const url = new URL(request.url);
    const now = Date.now();
    const start = new Date(now);
    const from = moment(url.searchParams.get('from'), Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
    const to = moment(url.searchParams.get('to'), now + 1);
    if (from === undefined || to === undefined) return fail(400, 'invalid_request_error', 'invalid_period', 'from and to are ISO dates or milliseconds since 1970.');
    await flushLedgers(env);
    return Response.json(await spendReport(db, from, to, now));
  }
  if (path === '/admin/signals' && request.method === 'GET') {
    const url = new URL(request.url);
    const now = Date.now();
    const from = moment(url.searchParams.get('from'), now - 7 * 86_400_000);
    const to = moment(url.searchParams.get('to'), now + 1);
    if (from === undefined || to === undefined) return fail(400, 'invalid_request_error', 'invalid_period', 'from and to are ISO dates or milliseconds since 1970.');
    await flushLedgers(env);
    return Response.json({ from, to, models: await signalsReport(db, from, to) });
  }
  const requestsOf = /^\/admin\/members\/([^/]+)\/requests$/.exec(path);
  if (requestsOf && request.method === 'GET') {
    const url = new URL(request.url);
    const limit = Math.min(200, Math.max(1, Number(url.searchParams.get('limit') ?? 50) || 50));
    const before = moment(url.searchParams.get('before'), Number.MAX_SAFE_INTEGER);
    if (before === undefined) return fail(400, 'invalid_request_error', 'invalid_before', 'before is an ISO date or milliseconds since 1970.');
    await flushLedgers(env);
    return Response.json({ data: await memberRequests(db, decodeURIComponent(requestsOf[1]!), limit, before) });
  }
  const detailsOf = /^\/admin\/requests\/([^/]+)\/details$/.exec(path);
  if (detailsOf && request.method === 'GET') {
    const details = await readRequestDetails(db, decodeURIComponent(detailsOf[1]!));
    if (!details) return fail(404, 'not_found_error', 'no_details', 'No details were kept for this request (the config\'s keepDetails keeps them, for its days).');
    return Response.json({ data: details });
  }
  if (path === '/admin/ledger/flush' && request.method === 'POST') {
    await flushLedgers(env);
    return Response.json({ flushed: true });
  }
  return fail(404, 'not_found_error', 'unknown_route', `No admin route ${request.method} ${path}.`);
}
