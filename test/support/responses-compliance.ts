import { createParser } from 'eventsource-parser';
import type { MockBehavior } from '../mock-provider/behavior';
import { makePng } from './png';
import { departures, eventDepartures } from './published-schemas';

/**
 * The checks the Open Responses compliance suite (openresponses/openresponses, spec 2026-04-24)
 * makes over HTTP, written for our tests: each scenario's request, and what its answer must be.
 * Every answer is held to both published schemas (Open Responses' ResponseResource and OpenAI's
 * Response), and every streamed event to the event schema its type names, in the spec's order.
 */
export interface ComplianceTarget {
  /** POSTs a JSON body to a path under the API root (`/responses`, `/responses/compact`). */
  post(path: string, body: unknown): Promise<Response>;
  get(path: string): Promise<Response>;
  model: string;
  /** Tells the mock provider how the model answers the next request. */
  script(behavior: MockBehavior): void;
}

type Json = Record<string, unknown>;

/** A whole answer's departures from both published schemas. */
export const resourceDepartures = (body: unknown) => [...departures('open-responses', 'ResponseResource', body), ...departures('openai', 'Response', body)];

/**
 * OpenAI's schema has no null usage, but before an answer is done, or when it failed before the
 * provider counted anything, there is no usage to give: Open Responses requires the key (null
 * allowed) and OpenAI's own API sends null in its response.created and response.in_progress
 * events. Only those snapshots are read with that in mind.
 */
export function asOpenAISnapshot(event: Json): Json {
  const response = event.response as Json | undefined;
  if (!response || response.usage !== null || !['in_progress', 'queued', 'failed'].includes(String(response.status))) return event;
  const { usage: _usage, ...rest } = response;
  return { ...event, response: rest };
}

/** A stream event held to OpenAI's schema alone (answers with OpenAI's own items, such as web searches). */
export const openAIEventDepartures = (event: Json) => eventDepartures('openai', asOpenAISnapshot(event));

/** A stream's events, each held to both schemas, in the order the spec gives them. */
export function streamDepartures(events: Json[]): string[] {
  const found = events.flatMap((event) => [...eventDepartures('open-responses', event), ...eventDepartures('openai', asOpenAISnapshot(event))]);
  const types = events.map((e) => String(e.type));
  if (types[0] !== 'response.created') found.push(`the first event is ${types[0]}, not response.created`);
  const terminal = types.findIndex((t) => t === 'response.completed' || t === 'response.failed' || t === 'response.incomplete');
  if (terminal !== types.length - 1) found.push(`the stream does not end at its one terminal event: ${types.join(', ')}`);
  const numbers = events.map((e) => e.sequence_number as number);
  if (numbers.some((n, i) => i > 0 && n !== numbers[i - 1]! + 1)) found.push(`sequence numbers do not count up by one: ${numbers.join(',')}`);
  // Every item and part opens before its deltas and closes after them.
  const open = new Set<string>();
  for (const event of events) {
    const key = `${String(event.output_index)}/${String(event.content_index ?? '')}`;
    if (event.type === 'response.output_item.added') open.add(String(event.output_index));
    if (event.type === 'response.content_part.added') open.add(key);
    if (String(event.type).endsWith('.delta') && !open.has(String(event.output_index))) found.push(`${String(event.type)} before its item was added`);
    if (event.type === 'response.output_text.delta' && !open.has(key)) found.push('output_text.delta before its content part was added');
    if (event.type === 'response.content_part.done') open.delete(key);
    if (event.type === 'response.output_item.done') open.delete(String(event.output_index));
  }
  return found;
}

/** An SSE body's events (the data of each, `[DONE]` left out). */
export async function sseEvents(response: Response): Promise<Json[]> {
  const events: Json[] = [];
  const parser = createParser({ onEvent: (e) => void (e.data !== '[DONE]' && events.push(JSON.parse(e.data) as Json)) });
  parser.feed(await response.text());
  return events;
}

const hasOutput = (body: Json) => (Array.isArray(body.output) && body.output.length > 0 ? [] : ['the response has no output items']);
const completed = (body: Json) => (body.status === 'completed' ? [] : [`status is ${String(body.status)}, not completed`]);
const hasItem = (type: string) => (body: Json) => ((body.output as Json[] | undefined)?.some((item) => item.type === type) ? [] : [`no ${type} item in the output`]);

const weatherTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Get the current weather for a location',
  parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
};

/** A 32×32 PNG as a data URL. */
const PNG = `data:image/png;base64,${makePng(32, 32, [200, 30, 40]).toString('base64')}`;

async function answered(target: ComplianceTarget, body: Json, checks: ((body: Json) => string[])[]): Promise<string[]> {
  const response = await target.post('/responses', body);
  if (response.status !== 200) return [`HTTP ${response.status}: ${await response.text()}`];
  const json = (await response.json()) as Json;
  return [...resourceDepartures(json), ...checks.flatMap((check) => check(json))];
}

export interface Scenario {
  id: string;
  run(target: ComplianceTarget): Promise<string[]>;
}

/** The suite's HTTP scenarios. */
export const HTTP_SCENARIOS: Scenario[] = [
  {
    id: 'basic-response',
    run: (t) => answered(t, { model: t.model, input: [{ type: 'message', role: 'user', content: 'Say hello in exactly 3 words.' }] }, [hasOutput, completed]),
  },
  {
    id: 'assistant-phase',
    run: (t) =>
      answered(
        t,
        {
          model: t.model,
          input: [
            { type: 'message', role: 'assistant', phase: 'commentary', content: 'I should answer with the saved number.' },
            { type: 'message', role: 'assistant', phase: 'final_answer', content: 'The number is four.' },
            { type: 'message', role: 'user', content: 'Repeat only the number.' },
          ],
        },
        [hasOutput, completed],
      ),
  },
  {
    id: 'streaming-response',
    async run(t) {
      const response = await t.post('/responses', { model: t.model, stream: true, input: [{ type: 'message', role: 'user', content: 'Count from 1 to 5.' }] });
      if (response.status !== 200) return [`HTTP ${response.status}: ${await response.text()}`];
      const events = await sseEvents(response);
      const final = events.at(-1)?.response as Json | undefined;
      return [...streamDepartures(events), ...resourceDepartures(final), ...(final ? completed(final) : ['no final response'])];
    },
  },
  {
    id: 'system-prompt',
    run: (t) =>
      answered(
        t,
        {
          model: t.model,
          input: [
            { type: 'message', role: 'system', content: 'You are a pirate. Always respond in pirate speak.' },
            { type: 'message', role: 'user', content: 'Say hello.' },
          ],
        },
        [hasOutput, completed],
      ),
  },
  {
    id: 'tool-calling',
    run(t) {
      t.script({ toolCalls: [{ name: 'get_weather', arguments: { location: 'San Francisco, CA' } }] });
      return answered(t, { model: t.model, input: [{ type: 'message', role: 'user', content: "What's the weather like in San Francisco?" }], tools: [weatherTool] }, [hasOutput, hasItem('function_call')]);
    },
  },
  {
    id: 'tool-calling-streaming',
    async run(t) {
      t.script({ toolCalls: [{ name: 'get_weather', arguments: { location: 'San Francisco, CA' } }] });
      const response = await t.post('/responses', { model: t.model, stream: true, input: "What's the weather like in San Francisco?", tools: [weatherTool] });
      if (response.status !== 200) return [`HTTP ${response.status}: ${await response.text()}`];
      const events = await sseEvents(response);
      const types = events.map((e) => e.type);
      const missing = ['response.function_call_arguments.delta', 'response.function_call_arguments.done'].filter((type) => !types.includes(type));
      const items = events.filter((e) => (e.type === 'response.output_item.added' || e.type === 'response.output_item.done') && (e.item as Json).type === 'function_call');
      return [...streamDepartures(events), ...missing.map((type) => `no ${type} event`), ...(items.length === 2 ? [] : ['the function_call item is not added and done'])];
    },
  },
  {
    id: 'image-input',
    run: (t) =>
      answered(
        t,
        { model: t.model, input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'What do you see in this image? Answer in one sentence.' }, { type: 'input_image', image_url: PNG }] }] },
        [hasOutput, completed],
      ),
  },
  {
    id: 'multi-turn',
    run: (t) =>
      answered(
        t,
        {
          model: t.model,
          input: [
            { type: 'message', role: 'user', content: 'My name is Alice.' },
            { type: 'message', role: 'assistant', content: 'Hello Alice! Nice to meet you. How can I help you today?' },
            { type: 'message', role: 'user', content: 'What is my name?' },
          ],
        },
        [hasOutput, completed],
      ),
  },
  {
    id: 'function-call-round-trip',
    async run(t) {
      t.script({ toolCalls: [{ name: 'get_weather', arguments: { location: 'San Francisco, CA' } }] });
      const first = await t.post('/responses', { model: t.model, input: 'Use the weather tool for San Francisco.', tools: [weatherTool] });
      if (first.status !== 200) return [`HTTP ${first.status}: ${await first.text()}`];
      const body = (await first.json()) as Json;
      const call = (body.output as Json[]).find((item) => item.type === 'function_call');
      if (!call) return ['the first response has no function_call'];
      return answered(t, { model: t.model, previous_response_id: body.id, input: [{ type: 'function_call_output', call_id: call.call_id, output: '64 degrees and clear' }] }, [hasOutput, completed]);
    },
  },
  {
    id: 'previous-response-id',
    async run(t) {
      const first = await t.post('/responses', { model: t.model, input: 'Remember this code word: papaya. Reply with only OK.' });
      if (first.status !== 200) return [`HTTP ${first.status}: ${await first.text()}`];
      const { id } = (await first.json()) as Json;
      return answered(t, { model: t.model, previous_response_id: id, input: 'What code word did I ask you to remember?' }, [hasOutput, completed]);
    },
  },
  {
    id: 'compact-response',
    async run(t) {
      const response = await t.post('/responses/compact', {
        model: t.model,
        prompt_cache_key: 'compliance-compact',
        input: [
          { type: 'message', role: 'user', content: 'We agreed to launch on Tuesday and notify support first.' },
          { type: 'message', role: 'assistant', content: 'Understood. The launch is Tuesday, with support notified beforehand.' },
        ],
      });
      if (response.status !== 200) return [`HTTP ${response.status}: ${await response.text()}`];
      const body = (await response.json()) as Json;
      return [
        ...departures('open-responses', 'CompactResource', body),
        ...departures('openai', 'CompactResource', body),
        ...(body.object === 'response.compaction' ? [] : [`object is ${String(body.object)}`]),
        ...hasItem('compaction')(body),
      ];
    },
  },
  {
    id: 'compact-missing-model',
    async run(t) {
      const response = await t.post('/responses/compact', { input: [{ type: 'message', role: 'user', content: 'Compact this conversation.' }] });
      return [400, 422].includes(response.status) ? [] : [`HTTP ${response.status}, not 400 or 422`];
    },
  },
];

const streamed = async (t: ComplianceTarget, body: Json) => {
  const response = await t.post('/responses', { ...body, stream: true });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return sseEvents(response);
};

/** Beyond the suite: the other shapes an answer takes, each held to the published schemas. */
export const MORE_SCENARIOS: Scenario[] = [
  {
    id: 'reasoning, whole and streamed',
    async run(t) {
      t.script({ reasoning: 'The user wants a count.', text: 'One, two, three.' });
      const whole = await answered(t, { model: t.model, input: 'Count to three.', reasoning: { effort: 'low', summary: 'auto' } }, [hasItem('reasoning'), completed]);
      t.script({ reasoning: 'The user wants a count.', text: 'One, two, three.' });
      const events = await streamed(t, { model: t.model, input: 'Count to three.', reasoning: { effort: 'low', summary: 'auto' } });
      return [...whole, ...streamDepartures(events), ...resourceDepartures(events.at(-1)?.response)];
    },
  },
  {
    id: 'cut off at max_output_tokens: incomplete',
    async run(t) {
      t.script({ text: 'A long answer that stops', finish: 'length' });
      const whole = await answered(t, { model: t.model, input: 'Write at length.', max_output_tokens: 16 }, [(b) => (b.status === 'incomplete' ? [] : [`status ${String(b.status)}`])]);
      t.script({ text: 'A long answer that stops', finish: 'length' });
      const events = await streamed(t, { model: t.model, input: 'Write at length.', max_output_tokens: 16 });
      const last = events.at(-1)!;
      return [...whole, ...streamDepartures(events), ...(last.type === 'response.incomplete' ? [] : [`the stream ends with ${String(last.type)}`])];
    },
  },
  {
    id: 'the provider fails mid-stream: response.failed',
    async run(t) {
      t.script({ text: 'This answer will not finish because the provider fails.', fault: { type: 'stream-error', afterChunks: 4 } });
      const events = await streamed(t, { model: t.model, input: 'Go on.' });
      const last = events.at(-1)!;
      return [...streamDepartures(events), ...(last.type === 'response.failed' ? [] : [`the stream ends with ${String(last.type)}`])];
    },
  },
  {
    id: 'errors: a refused key passed on, and the gateway\'s own',
    async run(t) {
      t.script({ fault: { type: 'status', status: 401, message: 'bad key' } });
      const passedOn = await t.post('/responses', { model: t.model, input: 'Hi' });
      const own = await t.post('/responses', { model: t.model });
      return [
        ...(passedOn.status === 401 ? [] : [`a refused key answered ${passedOn.status}`]),
        ...departures('openai', 'ErrorResponse', await passedOn.json()),
        ...(own.status === 400 ? [] : [`a request without input answered ${own.status}`]),
        ...departures('openai', 'ErrorResponse', await own.json()),
      ];
    },
  },
  {
    id: 'a stored response read back, with its input items',
    async run(t) {
      const made = await t.post('/responses', { model: t.model, input: [{ type: 'message', role: 'user', content: 'Keep this.' }] });
      const { id } = (await made.json()) as Json;
      const read = await t.get(`/responses/${String(id)}`);
      const items = await t.get(`/responses/${String(id)}/input_items`);
      return [...resourceDepartures(await read.json()), ...departures('openai', 'ResponseItemList', await items.json())];
    },
  },
  {
    id: "Codex's tool kinds: a namespace function and a custom tool, streamed",
    async run(t) {
      const tools = [
        { type: 'namespace', name: 'shell', description: 'Shell tools', tools: [{ type: 'function', name: 'exec_command', parameters: { type: 'object', properties: { cmd: { type: 'string' } } } }] },
        { type: 'custom', name: 'apply_patch', description: 'Apply a patch' },
      ];
      t.script({ toolCalls: [{ name: 'shell__exec_command', arguments: { cmd: 'ls' } }, { name: 'apply_patch', arguments: { input: '*** Begin Patch' } }] });
      const events = await streamed(t, { model: t.model, input: 'List files, then patch.', tools });
      // Custom tools are OpenAI's, not Open Responses': their events are held to OpenAI's schema alone.
      return events.flatMap(openAIEventDepartures);
    },
  },
];
