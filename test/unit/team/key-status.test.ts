import { describe, expect, it } from 'vitest';
import { teamBudget } from '../../../lib/team/key-status';

const team = { id: 'team', name: 'Acme team', kind: 'openai' as const, baseUrl: 'https://team.example/v1/', apiKey: 'sy-team-abc' };

describe('a team gateway’s budget for this member', () => {
  it('asks GET /v1/key with the member key and reads what is left', async () => {
    const seen: { url: string; auth: string | null }[] = [];
    const fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
      seen.push({ url: String(url), auth: new Headers(init?.headers).get('authorization') });
      return Response.json({ data: { id: 'mem_1', name: 'Ann', budget: { daily: 5, monthly: null }, spent: { day: 1.25, month: 3 }, remaining: { day: 3.75, month: null }, models: ['*'], rpm: null } });
    };
    expect(await teamBudget(team, fetch)).toEqual({ provider: 'team', name: 'Acme team', member: 'Ann', budget: { daily: 5, monthly: null }, spent: { day: 1.25, month: 3 }, remaining: { day: 3.75, month: null } });
    expect(seen).toEqual([{ url: 'https://team.example/v1/key', auth: 'Bearer sy-team-abc' }]);
  });

  it('says why when the gateway refuses the key, cannot be reached or answers something else', async () => {
    const revoked = async () => Response.json({ error: { message: 'The key of "Ann" was revoked.', type: 'authentication_error', code: 'key_revoked' } }, { status: 401 });
    expect((await teamBudget(team, revoked)).error).toContain('revoked');
    const down = async (): Promise<Response> => {
      throw new TypeError('fetch failed');
    };
    expect((await teamBudget(team, down)).error).toBeTruthy();
    const odd = async () => Response.json({ data: { name: 'Ann' } });
    expect((await teamBudget(team, odd)).error).toMatch(/form Switchyard does not know/);
  });
});
