import { startTeamGateway, type TeamGateway } from '../support/team-gateway';
import { call, dropPendingJob, expect, ownExtension, screenshotPath, test as base, type Extension } from './fixtures';

// A browser of its own, whose only provider is the team gateway: every answer must come through it.
const test = base.extend<object, { extension: Extension; team: TeamGateway }>({
  extension: ownExtension(),
  team: [
    async ({ mock }, use) => {
      const team = await startTeamGateway(mock);
      await use(team);
      await team.close();
    },
    { scope: 'worker' },
  ],
});

test('a member adds the team gateway from its preset; the side panel chats through it, priced as the catalog lists; the popup shows the team budget left; a revoked key stops it', async ({ extension, mock, team }) => {
  const member = await team.addMember({ name: 'Ann', budget: { daily: 0.01, monthly: 1 } });

  const options = await extension.open('options');
  await dropPendingJob(options);
  await options.goto(options.url().replace(/#.*$/, '') + '#providers');
  await options.getByRole('button', { name: /^Team gateway \(Switchyard\)/ }).click();
  await options.getByLabel('Id', { exact: true }).fill('team');
  await options.getByLabel('Base URL', { exact: true }).fill(`${team.url}/v1`);
  await options.getByLabel('Member key', { exact: true }).fill(member.key);
  await options.getByRole('form', { name: 'Add provider' }).screenshot({ path: screenshotPath('options-team-gateway-form') });
  await options.getByRole('button', { name: 'Save provider' }).click();
  const card = options.getByTestId('provider-team');
  await expect(card).toContainText(`key ••••${member.key.slice(-4)}`);
  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByTestId('test-result-team')).toContainText(/Connected: \d+ models/);
  await options.close();

  // The side panel, as a member uses it: a catalog model, answered through the team's OpenAI key.
  const panel = await extension.open('sidepanel');
  await panel.getByTestId('model-picker').click();
  await panel.getByLabel('Search models').fill('gpt-4o mini');
  await panel.getByRole('option', { name: /GPT-4o mini/ }).first().click();
  mock.script('openai', { text: 'Answered through the team gateway.', usage: { prompt: 1000, completion: 100 }, chunkDelayMs: 10 });
  await panel.getByLabel('Message').fill('Hello team');
  await panel.getByLabel('Message').press('Enter');
  const answer = panel.getByTestId('message-assistant').last();
  await expect(answer).toContainText('Answered through the team gateway.');
  await expect(answer.getByTestId('answer-meta')).toContainText('via team');
  const upstream = mock.requests.at(-1)!;
  expect(upstream.headers.authorization).toBe('Bearer sk-test-openai');
  expect(JSON.stringify(upstream.body)).toContain('Hello team');

  // Both ledgers book it at the catalog's price: 1,000 × $0.15/M + 100 × $0.60/M.
  const ledger = await call<{ rows: { provider: string; model: string; cost: number }[] }>(panel, 'ledger.list', { filter: { provider: 'team' } });
  expect(ledger.data!.rows[0]).toMatchObject({ provider: 'team', model: 'openai/gpt-4o-mini', cost: 0.00021 });
  await expect.poll(async () => (await team.sql<{ cost: number; status: string }>('SELECT cost, status FROM ledger WHERE member_id = ?', member.id))[0]).toEqual({ cost: 0.00021, status: 'ok' });
  await panel.screenshot({ path: screenshotPath('sidepanel-team-gateway') });

  const popup = await extension.open('popup');
  const budget = popup.getByTestId('team-budget-team');
  await expect(budget).toContainText('as Ann');
  await expect(popup.getByTestId('team-left-day-team')).toHaveText('$0.0098 left');
  await expect(popup.getByTestId('team-left-month-team')).toHaveText('$1.000 left');
  await popup.screenshot({ path: screenshotPath('popup-team-budget') });

  expect((await team.admin(`/admin/members/${member.id}`, { method: 'DELETE' })).status).toBe(200);
  const sent = mock.requests.length;
  await panel.getByLabel('Message').fill('Still there?');
  await panel.getByLabel('Message').press('Enter');
  await expect(panel.getByTestId('chat-error').last()).toContainText('revoked');
  expect(mock.requests).toHaveLength(sent);
  await popup.reload();
  await expect(popup.getByTestId('team-budget-team')).toContainText('revoked');
});
