import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, useTeamGateway } from '../support/use-team-gateway';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Logged {
  id: string;
  status: string;
  details: boolean;
}
interface Details {
  received: { model: string; messages: { content: string }[] };
  exchanges: ({ sent: { url: string; headers: Record<string, string>; body?: string }; status?: number; errorBody?: string } | null)[];
  answer?: { text: string };
}

describe('a team that keeps request details', () => {
  const team = useTeamGateway({ config: { keepDetails: { days: 7 } } });

  it('shows the admin what was asked, what each provider was sent (no key) and the answer, for a request that fell back', async () => {
    const { id, key } = await team.addMember({ name: 'Kept', budget: { daily: 10 } });
    team.mock.script('openai', { fault: { type: 'status', status: 503, message: 'openai is overloaded right now' } });
    team.mock.script('anthropic', { text: 'Answered by the fallback.' });
    const answer = await team.client(key).chat.completions.create({
      model: 'openai/gpt-4o-mini',
      models: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
      messages: [{ role: 'user', content: 'Which track does IC 42 leave from?' }],
    } as never);
    expect(answer.choices[0]!.message.content).toBe('Answered by the fallback.');

    // Saved after the answer (waitUntil): the log shows it once it is there.
    let logged: Logged | undefined;
    for (let i = 0; i < 50 && !logged?.details; i++) {
      const { data } = (await (await team.admin(`/admin/members/${id}/requests`)).json()) as { data: Logged[] };
      logged = data[0];
      if (!logged?.details) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(logged).toMatchObject({ status: 'ok', details: true });

    const response = await team.admin(`/admin/requests/${logged!.id}/details`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const { data } = JSON.parse(text) as { data: Details };
    expect(data.received.messages[0]!.content).toBe('Which track does IC 42 leave from?');
    expect(data.exchanges).toHaveLength(2);
    const [first, second] = data.exchanges;
    expect(first!.sent.url).toContain('/openai/');
    expect(first!.status).toBe(503);
    expect(first!.errorBody).toContain('openai is overloaded right now');
    expect(JSON.parse(first!.sent.body!).messages[0].content).toBe('Which track does IC 42 leave from?');
    expect(second!.sent.url).toContain('/anthropic/');
    expect(JSON.parse(second!.sent.body!).messages[0].content).toEqual([{ type: 'text', text: 'Which track does IC 42 leave from?' }]);
    expect(data.answer?.text).toBe('Answered by the fallback.');
    // The team's provider keys are in no header and nowhere else.
    for (const secret of ['sk-test-openai', 'sk-ant-test']) expect(text).not.toContain(secret);

    // On the admin page: the member's requests, then the request's details.
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is needed at ${CHROMIUM} (npm test installs it).`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(`${team.url}/admin`);
      await page.getByLabel('The ADMIN_KEY secret of this Worker').fill(ADMIN_KEY);
      await page.getByRole('button', { name: 'Open' }).click();
      await page.getByRole('button', { name: 'The requests of Kept' }).click();
      await page.getByRole('button', { name: /^Prompt and answer of the request at / }).click();
      const shown = page.locator('#request-details');
      await expect.poll(() => shown.locator('h4').allTextContents()).toEqual([
        'Received',
        expect.stringMatching(/^Attempt 1: POST .*\/openai\//),
        'Attempt 1 answered 503',
        expect.stringMatching(/^Attempt 2: POST .*\/anthropic\//),
        'Answer',
      ]);
      expect(await shown.locator('pre').last().textContent()).toBe('Answered by the fallback.');
      const html = await page.content();
      for (const secret of ['sk-test-openai', 'sk-ant-test']) expect(html).not.toContain(secret);
      await shown.screenshot({ path: 'test-results/screenshots/team-admin-request-details.png' });
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('drops details past their days at the daily run, and says so for a request with none', async () => {
    const { id } = await team.addMember({ name: 'Old' });
    await team.sql(`INSERT INTO request_details (id, member_id, started_at, body) VALUES ('old-one', ?1, ?2, x'00')`, id, Date.now() - 8 * 86_400_000);
    await team.sql(`INSERT INTO request_details (id, member_id, started_at, body) VALUES ('new-one', ?1, ?2, x'00')`, id, Date.now() - 86_400_000);
    const worker = (await team.mf.getWorker()) as unknown as { scheduled(options: { cron: string }): Promise<unknown> };
    await worker.scheduled({ cron: '23 4 * * *' });
    const kept = async () => (await team.sql<{ id: string }>('SELECT id FROM request_details WHERE id IN (?1, ?2)', 'old-one', 'new-one')).map((r) => r.id);
    await expect.poll(kept).toEqual(['new-one']);

    const none = await team.admin('/admin/requests/never-kept/details');
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('no_details');
  }, 60_000);
});

describe('a team that keeps no details (the default)', () => {
  const team = useTeamGateway();

  it('keeps metadata only', async () => {
    const { id, key } = await team.addMember({ name: 'Unkept' });
    team.mock.script('openai', { text: 'Not kept.' });
    await team.client(key).chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'keep nothing' }] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { data } = (await (await team.admin(`/admin/members/${id}/requests`)).json()) as { data: Logged[] };
    expect(data[0]).toMatchObject({ status: 'ok', details: false });
    expect(await team.sql('SELECT id FROM request_details')).toEqual([]);
  }, 60_000);
});
