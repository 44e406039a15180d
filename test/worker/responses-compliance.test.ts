import { describe, expect, it } from 'vitest';
import type { Format } from '../mock-provider/server';
import { HTTP_SCENARIOS, MORE_SCENARIOS } from '../support/responses-compliance';
import { SOCKET_SCENARIOS } from '../support/responses-socket-compliance';
import { useTeamGateway } from '../support/use-team-gateway';

const team = useTeamGateway();

const CASES: { model: string; format: Format }[] = [
  { model: 'openai/gpt-4o-mini', format: 'openai' },
  { model: 'anthropic/claude-sonnet-4-5', format: 'anthropic' },
  { model: 'google/gemini-2.5-flash', format: 'gemini' },
];

describe('the Open Responses compliance scenarios through the team gateway in workerd, held to the published schemas', () => {
  for (const { model, format } of CASES) {
    describe(`on ${model}`, () => {
      let key: string | undefined;
      const memberKey = async () => (key ??= (await team.addMember({ name: `Compliance on ${model}` })).key);
      const http = async () => {
        const auth = { authorization: `Bearer ${await memberKey()}` };
        return {
          model,
          script: (behavior: Parameters<typeof team.mock.script>[1]) => team.mock.script(format, behavior),
          get: (path: string) => fetch(`${team.url}/v1${path}`, { headers: auth }),
          post: (path: string, body: unknown) => fetch(`${team.url}/v1${path}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        };
      };
      for (const scenario of [...HTTP_SCENARIOS, ...MORE_SCENARIOS]) {
        it(scenario.id, async () => expect(await scenario.run(await http())).toEqual([]));
      }
      for (const scenario of SOCKET_SCENARIOS) {
        it(scenario.id, async () => {
          const target = await http();
          expect(await scenario.run({ ...target, url: `${team.url.replace(/^http/, 'ws')}/v1/responses`, key: await memberKey() })).toEqual([]);
        });
      }
    });
  }
});
