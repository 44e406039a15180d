import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGatewayWith } from '../../../lib/gateway/gateway';
import { responsesEndpointWith } from '../../../lib/gateway/responses/endpoint';
import { idbResponseStore, pruneResponses } from '../../../lib/ledger/responses-store';
import { openLedger, type WorkerLedger } from '../../../lib/ledger/worker-db';
import { shippedCatalog } from '../../support/fixtures';
import { useHarness } from '../../support/gateway-harness';

const h = useHarness();
let ledger: WorkerLedger;
let name: string;

beforeEach(async () => {
  name = `responses-${Math.random()}`;
  ledger = await openLedger(name);
});
afterEach(() => ledger.close());

/** The extension's gateway: one IndexedDB store, each request's owner named by the header the background sets. */
function gateway() {
  const store = idbResponseStore(async () => ledger);
  return createGatewayWith({
    providers: h.providers,
    catalog: shippedCatalog(),
    responses: responsesEndpointWith((request) => ({ store, owner: request.headers.get('x-switchyard-owner') ?? 'extension' })),
  });
}
const as = (owner: string, path: string, init: { method?: string; body?: unknown } = {}) =>
  gateway().fetch(
    new Request(`http://switchyard.local/v1${path}`, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: { 'content-type': 'application/json', 'x-switchyard-owner': owner },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    }),
  );

describe('stored responses in the extension’s IndexedDB', () => {
  it('are continued, read and deleted by the site that made them, and by no other', async () => {
    h.mock.script('openai', { text: 'Platform 4.' });
    const first = (await (await as('https://a.example', '/responses', { body: { model: 'openai/gpt-4o-mini', input: 'Which platform?' } })).json()) as { id: string; store: boolean };
    expect(first.store).toBe(true);
    expect(await ledger.count('responses')).toBe(1);

    h.mock.script('openai', { text: 'At 9.' });
    const next = await as('https://a.example', '/responses', { body: { model: 'openai/gpt-4o-mini', input: 'When?', previous_response_id: first.id } });
    expect(next.status).toBe(200);
    expect(JSON.stringify(h.mock.requests.at(-1)!.body)).toContain('Platform 4.');

    const stranger = await as('https://b.example', '/responses', { body: { model: 'openai/gpt-4o-mini', input: 'When?', previous_response_id: first.id } });
    expect(stranger.status).toBe(400);
    expect(((await stranger.json()) as { error: { code: string } }).error.code).toBe('previous_response_not_found');
    expect((await as('https://b.example', `/responses/${first.id}`)).status).toBe(404);
    expect((await as('https://b.example', `/responses/${first.id}`, { method: 'DELETE' })).status).toBe(404);

    const items = (await (await as('https://a.example', `/responses/${first.id}/input_items`)).json()) as { data: { content: { text: string }[] }[] };
    expect(items.data[0]!.content[0]!.text).toBe('Which platform?');
    expect((await as('https://a.example', `/responses/${first.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await as('https://a.example', `/responses/${first.id}`)).status).toBe(404);
  });

  it('are dropped after 30 days, or sooner when the ledger keeps requests for less', async () => {
    const store = idbResponseStore(async () => ledger);
    const day = 86_400;
    const now = Date.UTC(2026, 11, 7);
    const at = (daysAgo: number) => Math.floor(now / 1000) - daysAgo * day;
    for (const [id, daysAgo] of [['resp_new', 1], ['resp_mid', 20], ['resp_old', 40]] as const) {
      await store.put({ id, owner: 'https://a.example', createdAt: at(daysAgo), input: [], response: { id, output: [] } });
    }
    expect(await pruneResponses(ledger, null, now)).toBe(1);
    expect((await ledger.getAllKeys('responses')).sort()).toEqual(['resp_mid', 'resp_new']);
    expect(await pruneResponses(ledger, now - 10 * day * 1000, now)).toBe(1);
    expect(await ledger.getAllKeys('responses')).toEqual(['resp_new']);
  });
});
