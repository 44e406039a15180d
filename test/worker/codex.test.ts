import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Format } from '../mock-provider/server';
import { runCli, type CliRun } from '../support/run-cli';
import { useTeamGateway } from '../support/use-team-gateway';

/** Codex CLI's launcher, from its npm package (a dev dependency): it runs the binary its platform package carries. */
const CODEX = new URL('../../node_modules/@openai/codex/bin/codex.js', import.meta.url).pathname;

const team = useTeamGateway();
const home = mkdtempSync(join(tmpdir(), 'switchyard-codex-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** `codex exec` run headless as a developer would: a model provider whose base_url is the team gateway, speaking Responses. */
function codex(key: string, model: string, prompt: string): Promise<CliRun> {
  const codexHome = join(home, 'codex');
  const work = join(home, 'work');
  mkdirSync(codexHome, { recursive: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(
    join(codexHome, 'config.toml'),
    [`model = "${model}"`, 'model_provider = "switchyard"', '[model_providers.switchyard]', 'name = "Switchyard"', `base_url = "${team.url}/v1"`, 'env_key = "SWITCHYARD_KEY"', 'wire_api = "responses"', ''].join('\n'),
  );
  return runCli(process.execPath, [CODEX, 'exec', '--skip-git-repo-check', prompt], {
    cwd: work,
    env: { PATH: process.env.PATH, HOME: home, CODEX_HOME: codexHome, SWITCHYARD_KEY: key },
  });
}

const CASES: { model: string; format: Format }[] = [
  { model: 'openai/gpt-4o-mini', format: 'openai' },
  { model: 'google/gemini-2.5-flash', format: 'gemini' },
  { model: 'anthropic/claude-sonnet-4-5', format: 'anthropic' },
];

describe('Codex CLI through the team gateway', () => {
  it('finishes a turn', async () => {
    const { key } = await team.addMember({ name: 'Codex user' });
    team.mock.script('openai', { text: 'Hello from the team gateway.' });
    const run = await codex(key, 'openai/gpt-4o-mini', 'say hello');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Hello from the team gateway.');
  }, 120_000);

  for (const { model, format } of CASES) {
    it(`finishes a tool-using turn on ${model}: the model asks for exec_command, Codex runs it, its output goes back`, async () => {
      const { id, key } = await team.addMember({ name: `Codex on ${model}` });
      // The shell works the sum out: its answer is in the prompt only if the command ran and its output went back.
      const marker = `${1000 + 234}-${format}`;
      team.mock.script(format, { toolCalls: [{ name: 'exec_command', arguments: { cmd: `echo $((1000+234))-${format}` } }] });
      team.mock.script(format, { text: `The command printed ${marker}.` });
      const run = await codex(key, model, 'Run the marker command.');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`The command printed ${marker}.`);
      const sent = team.mock.requests.filter((r) => r.format === format);
      expect(sent.length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(sent.at(-1)!.body)).toContain(marker);
      expect(JSON.stringify(sent[0]!.body)).not.toContain(marker);
      // Codex's namespace tools reach the provider flattened; its hosted web search does not.
      expect(JSON.stringify(sent[0]!.body)).toMatch(/multi_agent_v1__\w+/);
      const rows = await team.sql<{ endpoint: string }>('SELECT endpoint FROM ledger WHERE member_id = ?', id);
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.every((r) => r.endpoint === 'responses')).toBe(true);
    }, 120_000);
  }
});

describe('stored responses through the team gateway', () => {
  it('keeps a member’s responses in D1 for previous_response_id, and no other member reads or continues them', async () => {
    const ann = await team.addMember({ name: 'Ann (responses)' });
    const bob = await team.addMember({ name: 'Bob (responses)' });
    team.mock.script('openai', { text: 'Track 7.' });
    const first = await team.client(ann.key).responses.create({ model: 'openai/gpt-4o-mini', input: 'Which track?' });
    team.mock.script('openai', { text: 'At 08:15.' });
    const second = await team.client(ann.key).responses.create({ model: 'openai/gpt-4o-mini', previous_response_id: first.id, input: 'When?' });
    expect(second.output_text).toBe('At 08:15.');
    expect(JSON.stringify(team.mock.requests.at(-1)!.body.messages)).toContain('Track 7.');
    expect((await team.client(ann.key).responses.retrieve(second.id)).output_text).toBe('At 08:15.');
    await expect(team.client(bob.key).responses.retrieve(second.id)).rejects.toMatchObject({ status: 404 });
    await expect(team.client(bob.key).responses.create({ model: 'openai/gpt-4o-mini', previous_response_id: second.id, input: 'Go on' })).rejects.toMatchObject({
      status: 400,
      code: 'previous_response_not_found',
    });
    const rows = await team.sql<{ member_id: string }>('SELECT member_id FROM responses');
    expect(rows.map((r) => r.member_id)).toEqual([ann.id, ann.id]);
    await team.client(ann.key).responses.delete(first.id);
    expect(await team.sql('SELECT id FROM responses WHERE id = ?', first.id)).toEqual([]);
  });
});

describe('WebSocket mode on the team gateway’s /v1/responses', () => {
  type Event = { type: string; status?: number; error?: { code: string }; response?: { id: string; output_text?: string; output: { content?: { text: string }[] }[] } };

  function connect(key: string): Promise<{ ask(message: Record<string, unknown>): Promise<Event>; close(): void }> {
    const socket = new WebSocket(`${team.url.replace(/^http/, 'ws')}/v1/responses`, { headers: { authorization: `Bearer ${key}` } });
    let waiting: ((event: Event) => void) | undefined;
    socket.on('message', (data) => {
      const event = JSON.parse(String(data)) as Event;
      // A turn ends with its completion (or failure), or with an error event.
      if (['response.completed', 'response.incomplete', 'response.failed', 'error'].includes(event.type)) waiting?.(event);
    });
    return new Promise((resolve, reject) => {
      socket.on('error', reject);
      socket.on('open', () =>
        resolve({
          ask: (message) =>
            new Promise((done) => {
              waiting = done;
              socket.send(JSON.stringify(message));
            }),
          close: () => socket.close(),
        }),
      );
    });
  }

  it('answers several response.create messages on one socket, continues a store:false response on it, and not after a reconnect', async () => {
    const { key } = await team.addMember({ name: 'Socket user' });
    const socket = await connect(key);
    team.mock.script('openai', { text: 'Track 7.' });
    const first = await socket.ask({ type: 'response.create', model: 'openai/gpt-4o-mini', input: 'Which track?', store: false });
    expect(first.type).toBe('response.completed');
    team.mock.script('openai', { text: 'At 08:15.' });
    const second = await socket.ask({ type: 'response.create', model: 'openai/gpt-4o-mini', input: 'When?', store: false, previous_response_id: first.response!.id });
    expect(second.type).toBe('response.completed');
    expect(JSON.stringify(team.mock.requests.at(-1)!.body.messages)).toContain('Track 7.');
    const refused = await socket.ask({ type: 'response.create', model: 'openai/gpt-4o-mini', input: 'x', stream: true });
    expect(refused).toMatchObject({ type: 'error', status: 400, error: { code: 'invalid_request_error' } });
    socket.close();

    const again = await connect(key);
    const lost = await again.ask({ type: 'response.create', model: 'openai/gpt-4o-mini', input: 'Go on', previous_response_id: first.response!.id });
    expect(lost).toMatchObject({ type: 'error', status: 400, error: { code: 'previous_response_not_found' } });
    again.close();
  });
});
