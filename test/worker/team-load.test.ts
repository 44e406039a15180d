import { describe, expect, it } from 'vitest';
import { useTeamGateway } from '../support/use-team-gateway';

const team = useTeamGateway();

interface Row {
  id: string;
  status: string;
  cost: number;
  reserved: number;
  error_code: string | null;
}

type Outcome = { ok: true; id: string; cost: number } | { ok: false; status: number; code: string };

/** One chat request straight over HTTP (no SDK: at 500 in flight its retries and parsing would be what is measured). */
async function ask(key: string, prompt: string, maxTokens: number): Promise<Outcome> {
  const response = await fetch(`${team.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: prompt }], max_tokens: maxTokens }),
  });
  const body = (await response.json()) as { id: string; usage?: { cost: number }; error?: { code: string } };
  return response.ok ? { ok: true, id: body.id, cost: body.usage!.cost } : { ok: false, status: response.status, code: body.error?.code ?? '' };
}

const rowsOf = (memberId: string) => team.sql<Row>('SELECT id, status, cost, reserved, error_code FROM ledger WHERE member_id = ?', memberId);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('the team gateway under load, accounting exactly', () => {
  it('two members at their budget limits with 500 requests in flight each stop at their limits; one row per request; the ledger sums to the answers’ costs', async () => {
    // Each request holds up to 1,000 prompt + 1,000 output tokens at $0.15/$0.60 a million (about
    // $0.00075) and costs about half that: a budget of $0.03 takes some 80 of 500.
    const budgets = { hal: 0.03, ida: 0.012 };
    const hal = await team.addMember({ name: 'Hal', budget: { daily: budgets.hal } });
    const ida = await team.addMember({ name: 'Ida', budget: { monthly: budgets.ida } });
    team.mock.script('openai', { times: 1000, text: 'ok', usage: { prompt: 900, completion: 400 }, fault: { type: 'delay', ms: 20 } });
    const prompt = 'word '.repeat(900);
    const burst = (key: string) => Promise.all(Array.from({ length: 500 }, () => ask(key, prompt, 1000)));
    const [halOutcomes, idaOutcomes] = await Promise.all([burst(hal.key), burst(ida.key)]);

    for (const [member, outcomes, budget, code] of [
      [hal, halOutcomes, budgets.hal, 'over_daily_budget'],
      [ida, idaOutcomes, budgets.ida, 'over_monthly_budget'],
    ] as const) {
      const answered = outcomes.filter((o): o is Extract<Outcome, { ok: true }> => o.ok);
      const refused = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok);
      expect(answered.length).toBeGreaterThan(0);
      expect(refused.every((r) => r.status === 402 && r.code === code)).toBe(true);
      const rows = await rowsOf(member.id);
      // Every request has its one row: the answered ones with their cost, the refused ones with none.
      expect(rows).toHaveLength(500);
      expect(new Set(rows.map((r) => r.id)).size).toBe(500);
      expect(rows.filter((r) => r.status === 'ok')).toHaveLength(answered.length);
      expect(rows.filter((r) => r.status === 'refused' && r.error_code === code && r.cost === 0)).toHaveLength(refused.length);
      const ledgerSum = sum(rows.map((r) => r.cost));
      expect(ledgerSum).toBeCloseTo(sum(answered.map((a) => a.cost)), 9);
      expect(ledgerSum).toBeLessThanOrEqual(budget + 1e-9);
      // The budget was used: as many were admitted as their holds (at most about $0.0008 each) fitted in it at once.
      expect(answered.length).toBeGreaterThanOrEqual(Math.floor(budget / 0.0008));
    }
    // Only admitted requests went upstream.
    expect(team.mock.requests).toHaveLength(halOutcomes.filter((o) => o.ok).length + idaOutcomes.filter((o) => o.ok).length);
  }, 120_000);

  it('a restart mid-load (isolates and member objects started over) loses nothing: every answered request keeps its row and cost, the totals carry on', async () => {
    const jo = await team.addMember({ name: 'Jo', budget: { daily: 50 } });
    team.mock.script('openai', { times: 400, text: 'ok', usage: { prompt: 900, completion: 400 }, fault: { type: 'delay', ms: 300 } });
    const prompt = 'word '.repeat(900);
    const inFlight = Array.from({ length: 150 }, () => ask(jo.key, prompt, 1000).catch(() => ({ ok: false, status: 0, code: 'cut' }) as Outcome));
    await new Promise((r) => setTimeout(r, 150));
    await team.restart();
    const before = await Promise.all(inFlight);
    const after = await Promise.all(Array.from({ length: 50 }, () => ask(jo.key, prompt, 1000)));
    expect(after.every((o) => o.ok)).toBe(true);
    // The restart did cut requests in flight.
    expect(before.some((o) => !o.ok)).toBe(true);
    const answered = [...before, ...after].filter((o): o is Extract<Outcome, { ok: true }> => o.ok);

    const rows = await rowsOf(jo.id);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.size).toBe(rows.length);
    // Every answered request has its row, with the cost its answer gave.
    for (const a of answered) expect(byId.get(a.id)).toMatchObject({ status: 'ok', cost: a.cost });
    // A request cut by the restart has its row too once admitted: finished (its answer lost on the way) or still in progress.
    expect(rows.every((r) => r.status === 'ok' || r.status === 'in_progress')).toBe(true);
    expect(rows.length).toBeGreaterThan(answered.length);
    // The member object's totals carried on through the restart: what finished requests cost, and what cut ones still hold.
    const key = (await (await fetch(`${team.url}/v1/key`, { headers: { authorization: `Bearer ${jo.key}` } })).json()) as { data: { spent: { day: number } } };
    const spent = sum(rows.filter((r) => r.status === 'ok').map((r) => r.cost));
    const held = sum(rows.filter((r) => r.status === 'in_progress').map((r) => r.reserved));
    expect(key.data.spent.day).toBeCloseTo(spent + held, 9);
  }, 120_000);
});
