import WebSocket from 'ws';
import { departures } from './published-schemas';
import { resourceDepartures, streamDepartures, type Scenario } from './responses-compliance';

/**
 * The WebSocket mode checks of the Open Responses compliance suite (spec 2026-04-24), written for
 * our tests: several response.create messages on one socket, continuing a store: false response
 * on the socket that made it and not on a new one, a failed continuation forgetting the response
 * it continued, and a compaction starting a new chain. Each turn's events are held to the spec.
 */
type Json = Record<string, unknown>;

interface Turn {
  events: Json[];
  /** The response.completed / incomplete / failed event's response, if the turn ended with one. */
  response?: Json;
  /** The error message, if the turn ended with one. */
  error?: Json;
}

export interface SocketTarget {
  /** The Worker's ws:// URL for /v1/responses. */
  url: string;
  key: string;
  model: string;
  post(path: string, body: unknown): Promise<Response>;
}

const TERMINAL = ['response.completed', 'response.incomplete', 'response.failed'];

/** Opens a socket, sends each message after the turn before it ended, and closes. */
async function session(target: SocketTarget, messages: (Json | ((turns: Turn[]) => Json))[]): Promise<Turn[]> {
  const socket = new WebSocket(target.url, { headers: { authorization: `Bearer ${target.key}` } });
  const turns: Turn[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  await new Promise<void>((resolve, reject) => {
    let current: Turn;
    const next = () => {
      if (turns.length === messages.length) return resolve();
      const message = messages[turns.length]!;
      current = { events: [] };
      turns.push(current);
      socket.send(JSON.stringify(typeof message === 'function' ? message(turns.slice(0, -1)) : message));
    };
    timer = setTimeout(() => reject(new Error(`no end to turn ${turns.length}`)), 20_000);
    socket.on('error', reject);
    socket.on('open', next);
    socket.on('message', (data) => {
      const event = JSON.parse(String(data)) as Json;
      current.events.push(event);
      if (TERMINAL.includes(String(event.type))) current.response = event.response as Json;
      else if (event.type === 'error') current.error = event;
      else return;
      next();
    });
    socket.on('close', () => reject(new Error('the socket closed during a turn')));
  }).finally(() => {
    clearTimeout(timer);
    socket.close();
  });
  return turns;
}

/** A completed turn: its events and its response held to the spec. */
function completedTurn(turn: Turn | undefined, label: string): string[] {
  if (!turn) return [`${label}: did not run`];
  if (!turn.response) return [`${label}: ended with ${JSON.stringify(turn.error ?? turn.events.at(-1))}`];
  const found = [...streamDepartures(turn.events), ...resourceDepartures(turn.response)];
  if (turn.response.status !== 'completed') found.push(`status ${String(turn.response.status)}`);
  return found.map((f) => `${label}: ${f}`);
}

/** A turn refused with this code, its error message in the spec's WebSocket error shape. */
function refusedTurn(turn: Turn | undefined, code: string, label: string): string[] {
  if (!turn?.error) return [`${label}: expected the error ${code}, got ${JSON.stringify(turn?.response?.status ?? turn?.events.at(-1))}`];
  const got = (turn.error.error as Json | undefined)?.code;
  return [...(got === code ? [] : [`${label}: error code ${String(got)}, not ${code}`]), ...departures('open-responses', 'WebSocketErrorEvent', turn.error).map((f) => `${label}: ${f}`)];
}

const create = (t: SocketTarget, input: unknown, more: Json = {}) => ({ type: 'response.create', model: t.model, store: false, input, ...more });
const idOf = (turn: Turn | undefined) => {
  const id = turn?.response?.id;
  if (typeof id !== 'string') throw new Error('the first turn has no response id');
  return id;
};

export const SOCKET_SCENARIOS: (Omit<Scenario, 'run'> & { run(target: SocketTarget): Promise<string[]> })[] = [
  {
    id: 'websocket-response',
    run: async (t) => completedTurn((await session(t, [{ type: 'response.create', model: t.model, input: [{ type: 'message', role: 'user', content: 'Count from 1 to 3.' }] }]))[0], 'turn'),
  },
  {
    id: 'websocket-sequential-responses',
    async run(t) {
      const turns = await session(t, [create(t, 'Reply with exactly: first'), create(t, 'Reply with exactly: second')]);
      return [...completedTurn(turns[0], 'first'), ...completedTurn(turns[1], 'second')];
    },
  },
  {
    id: 'websocket-continuation',
    async run(t) {
      const turns = await session(t, [create(t, 'Remember the code word: cobalt. Reply with OK.'), (before) => create(t, 'What is the code word?', { previous_response_id: idOf(before[0]) })]);
      return [...completedTurn(turns[0], 'first'), ...completedTurn(turns[1], 'continued')];
    },
  },
  {
    id: 'websocket-reconnect-store-false-recovery',
    async run(t) {
      const [first] = await session(t, [create(t, 'Remember the code word: copper. Reply with OK.')]);
      const [lost, recovered] = await session(t, [
        create(t, 'Continue after reconnect.', { previous_response_id: idOf(first) }),
        create(t, [{ type: 'message', role: 'user', content: 'Start over and reply with exactly: recovered' }]),
      ]);
      return [...completedTurn(first, 'first'), ...refusedTurn(lost, 'previous_response_not_found', 'after reconnect'), ...completedTurn(recovered, 'recovery')];
    },
  },
  {
    id: 'websocket-previous-response-not-found',
    async run(t) {
      const [turn] = await session(t, [create(t, 'This should fail.', { previous_response_id: `resp_missing_${Date.now()}` })]);
      return refusedTurn(turn, 'previous_response_not_found', 'turn');
    },
  },
  {
    id: 'websocket-failed-continuation-evicts-cache',
    async run(t) {
      const turns = await session(t, [
        create(t, 'Remember the code word: ember. Reply with OK.'),
        (before) => create(t, [{ type: 'function_call_output', call_id: 'call_missing', output: 'No such call.' }], { previous_response_id: idOf(before[0]) }),
        (before) => create(t, 'Try to continue after the failed turn.', { previous_response_id: idOf(before[0]) }),
      ]);
      const failed = turns[1];
      return [
        ...completedTurn(turns[0], 'first'),
        ...(failed?.error || failed?.response?.status === 'failed' ? [] : ['the continuation answering no call did not fail']),
        ...refusedTurn(turns[2], 'previous_response_not_found', 'after the failed turn'),
      ];
    },
  },
  {
    id: 'websocket-compact-new-chain',
    async run(t) {
      const compacted = await t.post('/responses/compact', {
        model: t.model,
        input: [
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Remember the compaction code word: slate.' }] },
          { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'OK.' }] },
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Compress this conversation for later continuation.' }] },
        ],
      });
      if (compacted.status !== 200) return [`compact: HTTP ${compacted.status} ${await compacted.text()}`];
      const { output } = (await compacted.json()) as { output: Json[] };
      const [turn] = await session(t, [create(t, [...output, { type: 'message', role: 'user', content: 'Continue from here. Reply with exactly: compacted' }], { tools: [] })]);
      return completedTurn(turn, 'new chain');
    },
  },
];
