import { startMockProcess } from '../mock-provider/process';
import { startTeamGateway, type TeamGateway } from '../support/team-gateway';
import { median, ms, percentile, type Result } from './stats';

/**
 * The team gateway under load: the Worker in workerd (Miniflare, with its D1 and member objects)
 * in front of the mock provider, against the same requests sent to the mock directly in the same
 * run. Added latency (p50, p99) at 10, 100 and 1,000 requests in flight, streamed and not, and
 * requests per second; then the same with 1,000,000 rows already in the ledger. The goals are
 * measured at the Worker's own socket in workerd; the same requests through Miniflare's dev entry
 * worker (where `wrangler dev` serves) are reported beside them, with what that entry adds to a
 * static page.
 */

interface Run {
  latencies: number[];
  perSecond: number;
  failed: number;
  /** The first failure's reason, when any failed. */
  reason?: string;
}

/** Sends `total` requests, `inFlight` at a time; each one's time to its whole answer. */
async function load(total: number, inFlight: number, send: () => Promise<void>): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  let reason: string | undefined;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      next++;
      const t = performance.now();
      try {
        await send();
        latencies.push(performance.now() - t);
      } catch (error) {
        failed++;
        reason ??= String((error as Error).cause ?? error).slice(0, 160);
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { latencies, perSecond: (total - failed) / ((performance.now() - started) / 1000), failed, ...(reason ? { reason } : {}) };
}

async function drain(response: Response): Promise<void> {
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

/** A million rows for one member, as a year of heavy use would leave them, written by SQLite itself. */
async function fillLedger(team: Pick<TeamGateway, 'sql'>, memberId: string, rows: number): Promise<void> {
  await team.sql(
    `INSERT INTO ledger (id, member_id, started_at, ended_at, status, endpoint, source, requested_model, model, provider, attempts, prompt_tokens, completion_tokens, cost)
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
     SELECT 'bulk_' || i, ?1, ?3 - i * 1000, ?3 - i * 1000 + 500, 'ok', 'chat', 'api', 'openai/gpt-4o-mini', 'openai/gpt-4o-mini', 'openai', '[]', 900, 400, 0.0003 FROM n`,
    memberId,
    rows,
    Date.now(),
  );
}

export async function teamBenchmarks(): Promise<Result[]> {
  const mock = await startMockProcess();
  const team = await startTeamGateway(mock, { directSocket: true });
  const results: Result[] = [];
  try {
    const { id, key } = await team.addMember({ name: 'Bench', budget: { daily: 1_000_000, monthly: 1_000_000 } });
    const body = (stream: boolean) => JSON.stringify({ model: 'openai/gpt-4o-mini', stream, messages: [{ role: 'user', content: 'go' }], max_tokens: 50 });
    const direct = (stream: boolean) => () =>
      fetch(`${mock.baseUrl('openai')}/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', stream, ...(stream ? { stream_options: { include_usage: true } } : {}), messages: [{ role: 'user', content: 'go' }], max_tokens: 50 }),
      }).then(drain);
    const viaTeam = (stream: boolean, url = team.directUrl!) => () =>
      fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body(stream) }).then(drain);

    // Warm both paths (isolate, member object, connections, and V8's optimised code for both kinds of answer).
    for (const stream of [false, true]) {
      await load(1_000, 10, viaTeam(stream));
      await load(1_000, 10, direct(stream));
    }

    const measure = async (label: string, inFlight: number, stream: boolean, total: number) => {
      const base = await load(total, inFlight, direct(stream));
      const through = await load(total, inFlight, viaTeam(stream));
      const p50 = median(through.latencies) - median(base.latencies);
      const p99 = percentile(through.latencies, 99) - percentile(base.latencies, 99);
      const group = `Team gateway (workerd) ${stream ? 'streamed' : 'non-stream'}${label}`;
      const p50Goal = inFlight === 10 && !label ? '< 10 ms' : 'reported';
      const p99Goal = inFlight === 100 && !label ? '< 50 ms' : 'reported';
      results.push({ group, name: `${inFlight} in flight: p50 added (${total.toLocaleString('en-US')} requests)`, value: ms(p50), baseline: `${ms(median(base.latencies))} mock direct`, goal: p50Goal, met: p50Goal === 'reported' || p50 < 10 });
      results.push({ group, name: `${inFlight} in flight: p99 added`, value: ms(p99), baseline: `${ms(percentile(base.latencies, 99))} mock direct`, goal: p99Goal, met: p99Goal === 'reported' || p99 < 50 });
      const ratio = through.perSecond / base.perSecond;
      const failures = through.failed + base.failed ? ` (${through.failed} failed through the gateway, ${base.failed} direct; first: ${through.reason ?? base.reason})` : ', none failed';
      results.push({ group, name: `${inFlight} in flight: requests per second${failures}`, value: through.perSecond.toFixed(0), baseline: `${base.perSecond.toFixed(0)} mock direct`, ratio, goal: '≥ 0.33× direct, none failed', met: ratio >= 1 / 3 && through.failed === 0 });
      return p50;
    };

    let emptyLedgerP50 = 0;
    for (const stream of [false, true]) {
      for (const inFlight of [10, 100, 1_000]) {
        const p50 = await measure('', inFlight, stream, inFlight === 1_000 ? 3_000 : 2_000);
        if (!stream && inFlight === 10) emptyLedgerP50 = p50;
      }
    }

    // Where `wrangler dev` serves: the same Worker behind Miniflare's entry worker, a dev-only hop.
    const page = (url: string) => () => fetch(`${url}/admin`).then(drain);
    const [own, entry] = [await load(2_000, 10, page(team.directUrl!)), await load(2_000, 10, page(team.url))];
    results.push({
      group: 'Team gateway (wrangler dev entry)',
      name: '10 in flight: static page p50, through Miniflare’s entry worker',
      value: ms(median(entry.latencies)),
      baseline: `${ms(median(own.latencies))} at the Worker’s own socket`,
      goal: 'reported',
      met: true,
    });
    const [base, through] = [await load(2_000, 10, direct(false)), await load(2_000, 10, viaTeam(false, team.url))];
    results.push({
      group: 'Team gateway (wrangler dev entry)',
      name: '10 in flight: non-stream p50 added, through Miniflare’s entry worker',
      value: ms(median(through.latencies) - median(base.latencies)),
      baseline: `${ms(median(base.latencies))} mock direct`,
      goal: 'reported',
      met: true,
    });

    // No growth with the ledger's size: a million rows of the member's history in D1, the same requests.
    await fillLedger(team, id, 1_000_000);
    const fullLedgerP50 = await measure(', 1,000,000 ledger rows', 10, false, 2_000);
    results.push({
      group: 'Team gateway (workerd) non-stream, 1,000,000 ledger rows',
      name: '10 in flight: p50 added, against the same with an empty ledger',
      value: ms(fullLedgerP50),
      baseline: `${ms(emptyLedgerP50)} empty ledger`,
      goal: 'no growth (within 2 ms)',
      met: fullLedgerP50 - emptyLedgerP50 < 2,
    });
  } finally {
    await team.close();
    await mock.close();
  }
  return results;
}
