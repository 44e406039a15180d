import { describe, expect, it } from 'vitest';
import { messagesEndpoint, responsesEndpoint } from '../../../lib/gateway';
import { documentTokens } from '../../../lib/gateway/documents';
import { createGatewayWith } from '../../../lib/gateway/gateway';
import { ChatRequest } from '../../../lib/gateway/openai-schema';
import { bedrockAdapter } from '../../../lib/gateway/providers/bedrock';
import { openAiResponsesAdapter } from '../../../lib/gateway/providers/openai-responses';
import { context, shippedCatalog } from '../../support/fixtures';
import { useHarness } from '../../support/gateway-harness';
import { makePdf } from '../../support/pdf';

const h = useHarness();

const pdf = makePdf([['Quarterly report', 'Revenue grew by 12 percent.'], ['Outlook', 'Steady.']], 'Q3 report');
const PDF_URL = `data:application/pdf;base64,${pdf.toString('base64')}`;
const pdfPart = { type: 'file', file: { filename: 'q3.pdf', file_data: PDF_URL } };

function gateway() {
  return createGatewayWith({ providers: h.providers, catalog: shippedCatalog(), responses: responsesEndpoint, messages: messagesEndpoint, retry: { maxRetries: 0 }, onRecord: (r) => h.records.push(r) });
}
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  gateway().fetch(new Request(`http://switchyard.local/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }));
const chat = (model: string, content: unknown[]) => post('/chat/completions', { model, messages: [{ role: 'user', content: [{ type: 'text', text: 'Summarize this.' }, ...content] }] });
const sent = () => h.mock.requests.at(-1)!.body as Record<string, unknown>;

describe('PDF documents reach the providers that read them, in their own shapes', () => {
  it('OpenAI gets the file part as it is; Claude a document block; Gemini inline data', async () => {
    expect((await chat('openai/gpt-4o-mini', [pdfPart])).status).toBe(200);
    expect(JSON.stringify(sent().messages)).toContain(JSON.stringify(pdfPart));

    expect((await chat('anthropic/claude-sonnet-4-5', [pdfPart])).status).toBe(200);
    const claude = (sent().messages as { content: Record<string, unknown>[] }[])[0]!.content;
    expect(claude).toContainEqual({ type: 'document', title: 'q3.pdf', source: { type: 'base64', media_type: 'application/pdf', data: pdf.toString('base64') } });

    expect((await chat('google/gemini-2.5-flash', [pdfPart])).status).toBe(200);
    const gemini = (sent().contents as { parts: Record<string, unknown>[] }[])[0]!.parts;
    expect(gemini).toContainEqual({ inlineData: { mimeType: 'application/pdf', data: pdf.toString('base64') } });
  });

  it('Bedrock gets a Converse document block; OpenAI’s Responses API an input_file', async () => {
    const request = ChatRequest.parse({ model: 'x', messages: [{ role: 'user', content: [{ type: 'text', text: 'Summarize.' }, pdfPart] }] });
    const bedrock = await bedrockAdapter.buildRequest(request, context({ kind: 'bedrock', id: 'bedrock', baseUrl: 'https://bedrock-runtime.eu-west-1.amazonaws.com', apiKey: 'ABSKkey' }, 'anthropic.claude-sonnet-4-5'));
    expect(JSON.parse(bedrock.init.body!).messages[0].content).toContainEqual({ document: { format: 'pdf', name: 'q3', source: { bytes: pdf.toString('base64') } } });
    const responses = await openAiResponsesAdapter.buildRequest(request, context({ kind: 'openai', id: 'openai' }, 'o3-pro'));
    expect(JSON.parse(responses.init.body!).input[0].content).toContainEqual({ type: 'input_file', filename: 'q3.pdf', file_data: PDF_URL });
  });

  it('a model whose provider reads no documents is passed over for one that does, and refused by name when none does', async () => {
    const routed = await post('/chat/completions', { model: 'ollama/llama3.2', models: ['anthropic/claude-sonnet-4-5'], messages: [{ role: 'user', content: [pdfPart] }] });
    expect(routed.status).toBe(200);
    expect(h.mock.requests.map((r) => r.format)).toEqual(['anthropic']);
    const refused = await chat('ollama/llama3.2', [pdfPart]);
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('documents_not_supported');
    expect(error.message).toContain('ollama/llama3.2 cannot read PDF documents');
    expect(h.records.at(-1)).toMatchObject({ status: 'error' });
  });

  it('counts a PDF by its pages in the prompt estimate', () => {
    const two = documentTokens({ type: 'file', file: { file_data: PDF_URL } });
    const five = documentTokens({ type: 'file', file: { file_data: `data:application/pdf;base64,${makePdf([['a'], ['b'], ['c'], ['d'], ['e']]).toString('base64')}` } });
    expect(two).toBe(6_000);
    expect(five).toBe(15_000);
  });
});

describe('documents through the Messages and Responses faces', () => {
  it('a base64 PDF document block from the Anthropic SDK or Claude Code reaches Gemini as inline data', async () => {
    const response = await post(
      '/messages',
      {
        model: 'google/gemini-2.5-flash',
        max_tokens: 200,
        messages: [{ role: 'user', content: [{ type: 'document', title: 'Q3', source: { type: 'base64', media_type: 'application/pdf', data: pdf.toString('base64') } }, { type: 'text', text: 'What grew?' }] }],
      },
      { 'anthropic-version': '2023-06-01' },
    );
    expect(response.status).toBe(200);
    expect(JSON.stringify(sent().contents)).toContain(pdf.toString('base64'));
  });

  it("a PDF Claude Code's Read tool returned follows the tool result on a provider whose tool results carry text only", async () => {
    const response = await post('/messages', {
      model: 'openai/gpt-4o-mini',
      max_tokens: 200,
      messages: [
        { role: 'user', content: 'Read q3.pdf' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: 'q3.pdf' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf.toString('base64') } }] }] },
      ],
    });
    expect(response.status).toBe(200);
    const messages = sent().messages as { role: string; content: unknown; tool_call_id?: string }[];
    const tool = messages.find((m) => m.role === 'tool')!;
    expect(tool.content).toBe('(an attachment follows in the next message)');
    const after = messages[messages.indexOf(tool) + 1]!;
    expect(after.role).toBe('user');
    expect(after.content).toEqual([{ type: 'text', text: 'Attached to the result of Read (call toolu_1):' }, { type: 'file', file: { file_data: PDF_URL } }]);
  });

  it('an input_file of the Responses API, as a data URL or bare base64 with its filename, reaches Claude as a document', async () => {
    for (const file of [{ file_data: PDF_URL }, { file_data: pdf.toString('base64'), filename: 'q3.pdf' }]) {
      const response = await post('/responses', { model: 'anthropic/claude-sonnet-4-5', input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Title?' }, { type: 'input_file', ...file }] }] });
      expect(response.status).toBe(200);
      expect(JSON.stringify(sent().messages)).toContain(`"media_type":"application/pdf","data":"${pdf.toString('base64')}"`);
    }
    const byId = await post('/responses', { model: 'anthropic/claude-sonnet-4-5', input: [{ type: 'message', role: 'user', content: [{ type: 'input_file', file_id: 'file-abc' }] }] });
    expect(byId.status).toBe(400);
    expect(((await byId.json()) as { error: { code: string } }).error.code).toBe('file_id_not_supported');
  });
});
