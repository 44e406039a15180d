import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, useTeamGateway } from '../support/use-team-gateway';
import { BUNDLED_CATALOG_ID } from '../../lib/catalog/source-date';

const team = useTeamGateway();
const ask = (key: string, model = 'openai/gpt-4o-mini', extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) =>
  team.client(key).chat.completions.create({ model, messages: [{ role: 'user', content: 'Say hi.' }], max_tokens: 100, ...extra });

interface Row {
  id: string;
  member_id: string;
  status: string;
  cost: number;
  reserved: number;
  error_code: string | null;
  model: string | null;
}

/** The member's rows once every request has been completed (rows are completed just after the answer). */
async function settledRows(memberId: string, count: number): Promise<Row[]> {
  for (let i = 0; i < 100; i++) {
    const rows = await team.sql<Row>('SELECT * FROM ledger WHERE member_id = ? ORDER BY started_at', memberId);
    if (rows.length >= count && rows.every((r) => r.status !== 'in_progress')) return rows;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`rows of ${memberId} not settled`);
}

async function refusedWith(promise: Promise<unknown>): Promise<{ status: number; code: string | null | undefined; headers: Headers | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OpenAI.APIError) return { status: error.status ?? 0, code: error.code, headers: error.headers as Headers | undefined };
    throw error;
  }
  throw new Error('the request was not refused');
}

describe('the team gateway in workerd', () => {
  it('serves two members through one set of provider keys, one D1 row per request, and the admin totals equal the ledger', async () => {
    const ann = await team.addMember({ name: 'Ann', budget: { daily: 5, monthly: 50 } });
    const bob = await team.addMember({ name: 'Bob', models: ['anthropic/*'] });
    team.mock.script('openai', { text: 'Hi from OpenAI', usage: { prompt: 1000, completion: 500 } }, { text: 'Again', usage: { prompt: 1000, completion: 500 } });
    team.mock.script('anthropic', { text: 'Hi from Claude', usage: { prompt: 2000, completion: 100 } });

    expect((await ask(ann.key)).choices[0]!.message.content).toBe('Hi from OpenAI');
    expect((await ask(ann.key)).choices[0]!.message.content).toBe('Again');
    const claude = await ask(bob.key, 'anthropic/claude-haiku-4-5');
    expect(claude.choices[0]!.message.content).toBe('Hi from Claude');

    // The team's keys went upstream; the members' keys never did.
    expect(team.mock.requests.map((r) => r.headers.authorization ?? r.headers['x-api-key'])).toEqual(['Bearer sk-test-openai', 'Bearer sk-test-openai', 'sk-ant-test']);
    const annRows = await settledRows(ann.id, 2);
    const bobRows = await settledRows(bob.id, 1);
    expect(annRows.map((r) => [r.status, r.model, r.reserved])).toEqual([['ok', 'openai/gpt-4o-mini', 0], ['ok', 'openai/gpt-4o-mini', 0]]);
    expect(annRows[0]!.cost).toBeCloseTo((1000 * 0.15 + 500 * 0.6) / 1e6, 12);
    expect(bobRows[0]).toMatchObject({ status: 'ok', model: 'anthropic/claude-haiku-4-5' });

    const spend = (await (await team.admin('/admin/spend')).json()) as { total: { requests: number; cost: number }; members: { id: string; cost: number; requests: number }[]; models: { model: string; cost: number }[] };
    const [ledger] = await team.sql<{ requests: number; cost: number }>('SELECT COUNT(*) AS requests, SUM(cost) AS cost FROM ledger');
    expect(spend.total.requests).toBe(ledger!.requests);
    expect(spend.total.cost).toBeCloseTo(ledger!.cost, 12);
    expect(spend.members.find((m) => m.id === ann.id)).toMatchObject({ requests: 2, cost: annRows[0]!.cost + annRows[1]!.cost });
    expect(spend.members.reduce((sum, m) => sum + m.cost, 0)).toBeCloseTo(ledger!.cost, 12);
    expect(spend.models.reduce((sum, m) => sum + m.cost, 0)).toBeCloseTo(ledger!.cost, 12);
  });

  it('refuses an unknown or missing key with 401, sending nothing and writing nothing', async () => {
    const before = (await team.sql('SELECT id FROM ledger')).length;
    expect(await refusedWith(ask('sy-team-not-a-member'))).toMatchObject({ status: 401, code: 'invalid_api_key' });
    const res = await fetch(`${team.url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('missing_api_key');
    expect(team.mock.requests).toHaveLength(0);
    expect(await team.sql('SELECT id FROM ledger')).toHaveLength(before);
  });

  it('revokes a key at once: the next request is refused with 401 and recorded, nothing sent', async () => {
    const cy = await team.addMember({ name: 'Cy' });
    team.mock.script('openai', { text: 'ok' });
    await ask(cy.key);
    expect((await team.admin(`/admin/members/${cy.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await refusedWith(ask(cy.key))).toMatchObject({ status: 401, code: 'key_revoked' });
    expect((await fetch(`${team.url}/v1/key`, { headers: { authorization: `Bearer ${cy.key}` } })).status).toBe(401);
    expect(team.mock.requests).toHaveLength(1);
    const rows = await settledRows(cy.id, 2);
    expect(rows.map((r) => [r.status, r.error_code])).toEqual([['ok', null], ['refused', 'key_revoked']]);
    expect((await team.admin(`/admin/members/${cy.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('keeps two members within their own budgets under 20 concurrent requests each: some refused with 402 unsent, neither spend past its budget', async () => {
    // Each request may cost at most 1,000 prompt tokens + 1,000 out at $0.15/$0.60 a million (about $0.00075):
    // Dee's budget holds five of those at once, Eli's two.
    const budgets = { dee: 0.004, eli: 0.0016 };
    const dee = await team.addMember({ name: 'Dee', budget: { daily: budgets.dee } });
    const eli = await team.addMember({ name: 'Eli', budget: { monthly: budgets.eli } });
    team.mock.script('openai', ...Array.from({ length: 40 }, () => ({ text: 'ok', usage: { prompt: 900, completion: 900 }, chunkDelayMs: 5 })));
    const prompt = 'word '.repeat(900);
    const burst = (key: string) =>
      Array.from({ length: 20 }, () => team.client(key).chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: prompt }], max_tokens: 1000 }));
    const [deeOutcomes, eliOutcomes] = await Promise.all([Promise.allSettled(burst(dee.key)), Promise.allSettled(burst(eli.key))]);
    let sent = 0;
    for (const [member, outcomes, budget, code] of [
      [dee, deeOutcomes, budgets.dee, 'over_daily_budget'],
      [eli, eliOutcomes, budgets.eli, 'over_monthly_budget'],
    ] as const) {
      const ok = outcomes.filter((o) => o.status === 'fulfilled').length;
      const refused = outcomes.filter((o) => o.status === 'rejected');
      expect(ok).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 402, code });
      const rows = await settledRows(member.id, 20);
      expect(rows).toHaveLength(20);
      expect(rows.filter((r) => r.status === 'ok')).toHaveLength(ok);
      expect(rows.filter((r) => r.status === 'refused')).toHaveLength(refused.length);
      expect(rows.reduce((sum, r) => sum + r.cost, 0)).toBeLessThanOrEqual(budget);
      sent += ok;
    }
    // Only admitted requests went upstream.
    expect(team.mock.requests).toHaveLength(sent);

    const deeRows = await settledRows(dee.id, 20);
    const key = (await (await fetch(`${team.url}/v1/key`, { headers: { authorization: `Bearer ${dee.key}` } })).json()) as { data: { budget: { daily: number }; spent: { day: number }; remaining: { day: number } } };
    expect(key.data.budget.daily).toBe(budgets.dee);
    expect(key.data.spent.day).toBeCloseTo(deeRows.reduce((sum, r) => sum + r.cost, 0), 12);
    expect(key.data.remaining.day).toBeCloseTo(budgets.dee - key.data.spent.day, 8);
  });

  it('holds a member to its rate with 429 and a retry-after, and to its models with 403', async () => {
    const eve = await team.addMember({ name: 'Eve', rpm: 2, models: ['openai/*'] });
    team.mock.script('openai', { text: 'one' }, { text: 'two' });
    await ask(eve.key);
    await ask(eve.key);
    const limited = await refusedWith(ask(eve.key));
    expect(limited).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(limited.headers?.get('retry-after')).toBe('60');

    const fay = await team.addMember({ name: 'Fay', models: ['openai/*'] });
    expect(await refusedWith(ask(fay.key, 'anthropic/claude-haiku-4-5'))).toMatchObject({ status: 403, code: 'model_not_allowed' });
    // A model the catalog cannot price is refused to a key with a budget (it would not count), allowed to one without.
    const gil = await team.addMember({ name: 'Gil', budget: { monthly: 10 }, models: ['openai/*'] });
    expect(await refusedWith(ask(gil.key, 'openai/gpt-unreleased'))).toMatchObject({ status: 403, code: 'model_unpriced' });
    expect(team.mock.requests).toHaveLength(2);
    const [gilRow] = await settledRows(gil.id, 1);
    expect(gilRow).toMatchObject({ status: 'refused', error_code: 'model_unpriced', cost: 0 });
    const listed = await team.client(fay.key).models.list();
    expect(listed.data.length).toBeGreaterThan(0);
    expect(listed.data.every((m) => m.id.startsWith('openai/'))).toBe(true);
  });

  it('streams through the SDK, and the row is completed when the stream ends', async () => {
    const gus = await team.addMember({ name: 'Gus' });
    team.mock.script('openai', { text: 'One two three.', usage: { prompt: 10, completion: 3 }, chunkDelayMs: 10 });
    const stream = await team.client(gus.key).chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Count.' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('One two three.');
    const [row] = await settledRows(gus.id, 1);
    expect(row).toMatchObject({ status: 'ok', reserved: 0 });
    expect(row!.cost).toBeCloseTo((10 * 0.15 + 3 * 0.6) / 1e6, 12);
  });
});

describe('the team’s catalog', () => {
  it('is refreshed from OpenRouter and the providers’ own lists, when the admin asks and by the daily cron trigger, and serves and prices what it learnt', async () => {
    const before = (await (await team.admin('/admin/catalog')).json()) as { sourceDate: string; models: number };
    const refreshed = (await (await team.admin('/admin/catalog/refresh', { method: 'POST' })).json()) as { models: number; sources: { source: string; ok: boolean; detail: string }[] };
    expect(refreshed.sources).toContainEqual({ source: 'openrouter', ok: true, detail: '1 updated, 1 added, 0 skipped' });
    expect(refreshed.sources.filter((s) => !s.ok)).toEqual([]);
    expect(refreshed.models).toBeGreaterThan(before.models);
    const [saved] = await team.sql<{ base: string }>('SELECT base FROM catalog');
    expect(saved!.base).toBe(BUNDLED_CATALOG_ID);

    const ivy = await team.addMember({ name: 'Ivy', budget: { daily: 1 } });
    expect((await team.client(ivy.key).models.list()).data.map((m) => m.id)).toContain('mocklab/mock-large-2');
    team.mock.script('openai', { text: 'From a model the refresh found.', usage: { prompt: 1000, completion: 1000 } });
    expect((await ask(ivy.key, 'mocklab/mock-large-2')).choices[0]!.message.content).toBe('From a model the refresh found.');
    expect(team.mock.requests.at(-1)!.headers.authorization).toBe('Bearer sk-or-test');
    const [row] = await settledRows(ivy.id, 1);
    expect(row!.cost).toBeCloseTo((1000 * 1 + 1000 * 4) / 1e6, 12); // OpenRouter's $1 / $4 a million

    await team.sql('DELETE FROM catalog');
    const worker = (await team.mf.getWorker()) as unknown as { scheduled(options: { cron: string }): Promise<unknown> };
    await worker.scheduled({ cron: '23 4 * * *' });
    await expect.poll(async () => (await team.sql('SELECT id FROM catalog')).length).toBe(1);
  });
});

describe('the admin API and page', () => {
  it('answers only to the admin key, and checks what it is sent', async () => {
    const wrong = await fetch(`${team.url}/admin/members`, { headers: { authorization: 'Bearer guess' } });
    expect(wrong.status).toBe(401);
    const bad = await team.admin('/admin/members', { body: { name: '', budget: { daily: -1 } } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^name: /);
    const made = await team.addMember({ name: 'Hal', budget: { monthly: 20 } });
    const changed = await team.admin(`/admin/members/${made.id}`, { method: 'PATCH', body: { budget: { daily: 2 }, rpm: 30 } });
    expect(((await changed.json()) as { data: unknown }).data).toMatchObject({ budget: { daily: 2, monthly: 20 }, rpm: 30 });
    const listed = (await (await team.admin('/admin/members')).json()) as { data: { id: string; keyHint: string }[] };
    expect(listed.data.find((m) => m.id === made.id)?.keyHint).toBe(made.key.slice(-4));
    expect(JSON.stringify(listed)).not.toContain(made.key);
    const [row] = await team.sql<{ key_hash: string }>('SELECT key_hash FROM members WHERE id = ?', made.id);
    expect(row!.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves the admin page with a strict content security policy', async () => {
    const page = await fetch(`${team.url}/admin`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('Switchyard team gateway');
    expect((await fetch(`${team.url}/admin/app.js`)).status).toBe(200);
    expect(ADMIN_KEY).not.toBe('');
  });
});
