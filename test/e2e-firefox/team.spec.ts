import { startTeamGateway } from '../support/team-gateway';
import { call, expect, streamChat, test } from './fixtures';

test('in Firefox, a member on the team gateway preset chats through the Worker and sees the team budget left; a revoked key is refused', async ({ firefox, mock }) => {
  const team = await startTeamGateway(mock);
  try {
    const member = await team.addMember({ name: 'Fox', budget: { daily: 0.01 } });
    const options = await firefox.extensionPage('options');
    const saved = await call(options, 'providers.save', { settings: { id: 'ff-team', name: 'Team gateway', kind: 'openai', preset: 'team', baseUrl: `${team.url}/v1` }, apiKey: member.key });
    expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
    mock.script('openai', { text: 'Through the team, in Firefox.', usage: { prompt: 1000, completion: 100 } });
    expect(await streamChat(options, { model: 'ff-team/openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })).toBe('Through the team, in Firefox.');
    expect(mock.requests.at(-1)!.headers.authorization).toBe('Bearer sk-test-openai');
    await expect.poll(async () => (await team.sql<{ cost: number }>('SELECT cost FROM ledger WHERE member_id = ?', member.id))[0]?.cost).toBe(0.00021);

    const budgets = await call<{ provider: string; member?: string; remaining?: { day: number | null } }[]>(options, 'team.budgets');
    expect(budgets.data).toEqual([expect.objectContaining({ provider: 'ff-team', member: 'Fox', remaining: expect.objectContaining({ day: 0.00979 }) })]);

    await team.admin(`/admin/members/${member.id}`, { method: 'DELETE' });
    await expect(streamChat(options, { model: 'ff-team/openai/gpt-4o-mini', messages: [{ role: 'user', content: 'again' }] })).rejects.toThrow(/revoked/);
    await call(options, 'providers.remove', { id: 'ff-team' });
  } finally {
    await team.close();
  }
});
