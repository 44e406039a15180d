import { Agent, run } from '@openai/agents';
import { trackTool, useAgentsClient } from '../support/agents';
import { describe, expect, it } from 'vitest';
import { useTeamGateway } from '../support/use-team-gateway';

const team = useTeamGateway();

describe('the OpenAI Agents SDK through the team gateway', () => {
  it('runs a tool loop, then goes on from its last response by previous_response_id, the responses kept in D1 for the member', async () => {
    const { id, key } = await team.addMember({ name: 'Agent builder' });
    useAgentsClient(team.client(key));
    const asked: string[] = [];
    const getTrack = trackTool(asked);
    const agent = new Agent({ name: 'Yard clerk', instructions: 'Answer with the tools you have.', model: 'google/gemini-2.5-flash', tools: [getTrack] });
    team.mock.script('gemini', { toolCalls: [{ name: 'get_track', arguments: { train: 'IC 42' } }] }, { text: 'IC 42 leaves from track 7.' });
    const first = await run(agent, 'Where does IC 42 leave from?');
    expect(first.finalOutput).toBe('IC 42 leaves from track 7.');
    expect(asked).toEqual(['IC 42']);

    team.mock.script('gemini', { text: 'At 08:15.' });
    const second = await run(agent, 'And when?', { previousResponseId: first.lastResponseId });
    expect(second.finalOutput).toBe('At 08:15.');
    const sent = JSON.stringify(team.mock.requests.at(-1)!.body);
    expect(sent).toContain('Where does IC 42 leave from?');
    expect(sent).toContain('IC 42 leaves from track 7.');
    expect(await team.sql('SELECT id FROM responses WHERE member_id = ?', id)).toHaveLength(3);
    const booked = await team.sql<{ endpoint: string }>('SELECT endpoint FROM ledger WHERE member_id = ?', id);
    expect(booked.map((r) => r.endpoint)).toEqual(['responses', 'responses', 'responses']);
  }, 60_000);
});
