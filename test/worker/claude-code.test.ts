import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import type { Format } from '../mock-provider/server';
import { makePdf } from '../support/pdf';
import { runCli, type CliRun } from '../support/run-cli';
import { useTeamGateway } from '../support/use-team-gateway';

/** Claude Code's own binary, from its npm package (a dev dependency). */
const CLAUDE = new URL('../../node_modules/@anthropic-ai/claude-code/bin/claude.exe', import.meta.url).pathname;

const team = useTeamGateway();
const home = mkdtempSync(join(tmpdir(), 'switchyard-claude-code-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** `claude -p` run headless as a developer would, pointed at the team gateway with a member key. */
function claude(key: string, model: string, prompt: string, args: string[] = []): Promise<CliRun> {
  return runCli(CLAUDE, ['-p', prompt, ...args], {
    cwd: home,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      ANTHROPIC_BASE_URL: team.url,
      ANTHROPIC_AUTH_TOKEN: key,
      ANTHROPIC_MODEL: model,
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    },
  });
}

const CASES: { model: string; format: Format; reasons?: boolean }[] = [
  { model: 'openai/gpt-4o-mini', format: 'openai' },
  { model: 'google/gemini-2.5-flash', format: 'gemini' },
  // Claude Code turns thinking on; Claude answers a tool turn with signed thinking first, and checks it when it comes back.
  { model: 'anthropic/claude-sonnet-4-5', format: 'anthropic', reasons: true },
];

describe('Claude Code through the team gateway', () => {
  it('finishes a turn', async () => {
    const { key } = await team.addMember({ name: 'Claude Code user' });
    team.mock.script('openai', { text: 'Hello from the team gateway.' });
    const run = await claude(key, 'openai/gpt-4o-mini', 'say hello');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Hello from the team gateway.');
    expect(team.mock.requests.every((r) => r.format === 'openai')).toBe(true);
  }, 120_000);

  for (const { model, format, reasons } of CASES) {
    it(`finishes a tool-using turn on ${model}: the model asks for Bash, Claude Code runs it, its output goes back`, async () => {
      const { id, key } = await team.addMember({ name: `Tools on ${model}` });
      // The shell works the sum out: its answer is in the prompt only if the command ran and its output went back.
      const marker = `${1000 + 234}-${format}`;
      const command = `echo $((1000+234))-${format}`;
      team.mock.script(format, { ...(reasons ? { reasoning: 'The user wants the marker printed; Bash can do it.' } : {}), toolCalls: [{ name: 'Bash', arguments: { command, description: 'Print a marker' } }] });
      team.mock.script(format, { text: `The command printed ${marker}.` });
      const run = await claude(key, model, 'Run the marker command.', ['--allowedTools', 'Bash']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`The command printed ${marker}.`);
      const sent = team.mock.requests.filter((r) => r.format === format);
      expect(sent.length).toBeGreaterThanOrEqual(2);
      // The command's real output, as Claude Code ran it, is in the prompt of the turn after (and in no earlier one).
      expect(JSON.stringify(sent.at(-1)!.body)).toContain(marker);
      expect(JSON.stringify(sent[0]!.body)).not.toContain(marker);
      const rows = await team.sql<{ endpoint: string; status: string }>('SELECT endpoint, status FROM ledger WHERE member_id = ?', id);
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.every((r) => r.endpoint === 'messages')).toBe(true);
    }, 120_000);
  }
});

describe('Claude Code reading a PDF through the team gateway', () => {
  it('its Read tool returns the PDF as a document, which reaches Gemini as inline data and OpenAI as a file after the tool result', async () => {
    const { key } = await team.addMember({ name: 'PDF reader' });
    const pdf = makePdf([['Quarterly report', 'Revenue grew by 12 percent.']], 'Q3');
    writeFileSync(join(home, 'q3.pdf'), pdf);
    for (const { model, format } of CASES.filter((c) => c.format !== 'anthropic')) {
      team.mock.reset();
      team.mock.script(format, { toolCalls: [{ name: 'Read', arguments: { file_path: join(home, 'q3.pdf') } }] });
      team.mock.script(format, { text: 'Revenue grew by 12 percent.' });
      const run = await claude(key, model, 'What does q3.pdf say?', ['--allowedTools', 'Read']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('Revenue grew by 12 percent.');
      // The PDF's own bytes, as Claude Code read them, are in the prompt of the turn after.
      expect(JSON.stringify(team.mock.requests.filter((r) => r.format === format).at(-1)!.body)).toContain(pdf.toString('base64').slice(0, 200));
    }
  }, 240_000);
});

describe('Claude Code searching the web through the team gateway', () => {
  it("its WebSearch tool runs on the model's own search, and the pages found reach the next turn", async () => {
    const { key } = await team.addMember({ name: 'Web searcher' });
    const text = 'The Gotthard Base Tunnel is 57.1 km long.';
    team.mock.script('gemini', { toolCalls: [{ name: 'WebSearch', arguments: { query: 'Gotthard Base Tunnel length' } }] });
    team.mock.script('gemini', { text, search: { queries: ['Gotthard Base Tunnel length'], sources: [{ url: 'https://tunnels.example/gotthard', title: 'Gotthard Base Tunnel', cites: text }] } });
    team.mock.script('gemini', { text: 'It is 57.1 km long (tunnels.example).' });
    const run = await claude(key, 'google/gemini-2.5-flash', 'How long is the Gotthard Base Tunnel? Search the web.', ['--allowedTools', 'WebSearch']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('It is 57.1 km long (tunnels.example).');
    const sent = team.mock.requests.filter((r) => r.format === 'gemini');
    // The search went to Gemini with Google Search grounding on, and what it found came back to the model.
    expect(sent.some((r) => JSON.stringify(r.body.tools ?? []).includes('google_search'))).toBe(true);
    expect(JSON.stringify(sent.at(-1)!.body)).toContain('https://tunnels.example/gotthard');
  }, 120_000);
});

describe('the Anthropic SDK through the team gateway', () => {
  const sdk = (key: string) => new Anthropic({ baseURL: team.url, apiKey: key, maxRetries: 0 });

  it('takes the member key as x-api-key, streams, and books the request with its cost', async () => {
    const { id, key } = await team.addMember({ name: 'SDK user', budget: { daily: 5, monthly: 50 } });
    team.mock.script('anthropic', { text: 'Streamed through the Worker.', usage: { prompt: 2_000, completion: 100 } });
    const message = await sdk(key).messages.stream({ model: 'anthropic/claude-sonnet-4-5', max_tokens: 200, messages: [{ role: 'user', content: 'Hi' }] }).finalMessage();
    expect(message.content.at(-1)).toMatchObject({ type: 'text', text: 'Streamed through the Worker.' });
    expect(message.usage).toMatchObject({ input_tokens: 2_000, output_tokens: 100 });
    expect(team.mock.requests.at(-1)!.headers['x-api-key']).toBe('sk-ant-test');
    for (let i = 0; i < 50; i++) {
      const rows = await team.sql<{ endpoint: string; status: string; cost: number }>('SELECT endpoint, status, cost FROM ledger WHERE member_id = ?', id);
      if (rows[0]?.status === 'ok') {
        expect(rows).toEqual([{ endpoint: 'messages', status: 'ok', cost: 0.0075 }]); // 2,000 × $3/M + 100 × $15/M
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the row was not completed');
  });

  it("refuses in Anthropic's shape: an unknown key, a model the member may not use, a budget spent", async () => {
    const bad = await sdk('sy-team-nobody').messages.create({ model: 'anthropic/claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((bad as InstanceType<typeof Anthropic.AuthenticationError>).error).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    const { key } = await team.addMember({ name: 'Claude only', models: ['anthropic/*'], budget: { daily: 0.000001, monthly: 1 } });
    const notAllowed = await sdk(key).messages.create({ model: 'openai/gpt-4o-mini', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(notAllowed).toBeInstanceOf(Anthropic.PermissionDeniedError);
    const broke = await sdk(key).messages.create({ model: 'anthropic/claude-sonnet-4-5', max_tokens: 1000, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect((broke as InstanceType<typeof Anthropic.APIError>).status).toBe(402);
    expect((broke as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'billing_error' } });
    expect(team.mock.requests).toHaveLength(0);
  });
});
