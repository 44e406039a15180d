import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, useTeamGateway } from '../support/use-team-gateway';

const team = useTeamGateway();
let browser: Browser;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is needed at ${CHROMIUM} (npm test installs it).`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] });
}, 60_000);
afterAll(() => browser?.close());

describe('the admin page, used as an admin would', () => {
  it('opens with the admin key, shows spend per member and per model equal to the ledger, adds a member and revokes one', async () => {
    const ann = await team.addMember({ name: 'Ann', budget: { daily: 5, monthly: 50 } });
    const bob = await team.addMember({ name: 'Bob', models: ['anthropic/*'] });
    team.mock.script('openai', { text: 'a', usage: { prompt: 10_000, completion: 2_000 } });
    team.mock.script('anthropic', { text: 'b', usage: { prompt: 4_000, completion: 1_000 } });
    await team.client(ann.key).chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    await team.client(bob.key).chat.completions.create({ model: 'anthropic/claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }] });
    let ledger: { cost: number }[] = [];
    for (let i = 0; i < 50 && (ledger = await team.sql<{ cost: number }>("SELECT cost FROM ledger WHERE status = 'ok'")).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    const total = ledger.reduce((sum, r) => sum + r.cost, 0);

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${team.url}/admin`);
    await page.getByLabel('The ADMIN_KEY secret of this Worker').fill('wrong');
    await page.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('not the admin key');
    await page.getByLabel('The ADMIN_KEY secret of this Worker').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.locator(`tr[data-member="${ann.id}"]`).waitFor();
    expect(await page.locator('#total').textContent()).toContain(`2 requests, $${total.toFixed(2)}`);
    expect(await page.locator(`tr[data-member="${ann.id}"]`).textContent()).toContain('$5.00 / $50.00');
    expect(await page.locator('#models tbody tr').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('openai/gpt-4o-mini'), expect.stringContaining('anthropic/claude-haiku-4-5')]));
    // Speed and errors per model, and a member's latest requests.
    expect(await page.locator('#signals tr[data-model="openai/gpt-4o-mini"]').textContent()).toMatch(/^openai\/gpt-4o-mini1\d+ ms \/ \d+ ms\d+ ms \/ \d+ ms—/);
    await page.getByRole('button', { name: 'The requests of Ann' }).click();
    await expect.poll(() => page.locator('#log-title').textContent()).toBe('Requests of Ann');
    expect(await page.locator('#requests tbody tr').allTextContents()).toEqual([expect.stringMatching(/openai\/gpt-4o-mini.*ok.*10000 → 2000/)]);

    await page.getByLabel('Name').fill('Cy');
    await page.getByLabel('Daily budget (USD)').fill('1.5');
    await page.getByRole('button', { name: 'Add member' }).click();
    await expect.poll(() => page.locator('#new-key-value').textContent()).toMatch(/^sy-team-/);
    const cy = (await team.sql<{ id: string }>("SELECT id FROM members WHERE name = 'Cy'"))[0]!;
    await page.locator(`tr[data-member="${cy.id}"]`).waitFor();
    const models = async () => Number((await page.locator('#catalog').textContent())?.match(/^(\d+) models, prices as of \d{4}-\d{2}-\d{2}\./)?.[1] ?? NaN);
    await expect.poll(models).toBeGreaterThan(0);
    const bundled = await models();
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect.poll(models).toBeGreaterThan(bundled);
    await page.screenshot({ path: 'test-results/screenshots/team-admin-page.png', fullPage: true });

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke the key of Bob' }).click();
    await expect.poll(() => page.locator(`tr[data-member="${bob.id}"]`).textContent()).toContain('(revoked)');
    const refused = await fetch(`${team.url}/v1/models`, { headers: { authorization: `Bearer ${bob.key}` } });
    expect(refused.status).toBe(401);
    await page.close();
  });
});
