import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createGateway, type GatewayOptions, type ProviderConfig, type UsageRecord } from '../../lib/gateway';
import { startMockProvider, type Format, type MockProvider } from '../mock-provider/server';
import { shippedCatalog } from './fixtures';

/** The four wire formats, each as a configured provider pointing at the mock, with a model the mock knows. */
export const FORMAT_CASES: { format: Format; provider: ProviderConfig; model: string; usdPerMillion: [input: number, output: number] }[] = [
  { format: 'openai', provider: { id: 'openai', kind: 'openai', baseUrl: '', apiKey: 'sk-test-openai' }, model: 'openai/gpt-4o-mini', usdPerMillion: [0.15, 0.6] },
  { format: 'anthropic', provider: { id: 'anthropic', kind: 'anthropic', baseUrl: '', apiKey: 'sk-ant-test' }, model: 'anthropic/claude-sonnet-4-5', usdPerMillion: [3, 15] },
  { format: 'gemini', provider: { id: 'google', kind: 'gemini', baseUrl: '', apiKey: 'AIza-test' }, model: 'google/gemini-2.5-flash', usdPerMillion: [0.3, 2.5] },
  { format: 'ollama', provider: { id: 'ollama', kind: 'ollama', baseUrl: '' }, model: 'ollama/llama3.2', usdPerMillion: [0, 0] },
];

export interface Harness {
  mock: MockProvider;
  records: UsageRecord[];
  providers: ProviderConfig[];
  gatewayFor(options?: Partial<GatewayOptions>): ReturnType<typeof createGateway>;
  client(options?: Partial<GatewayOptions>): OpenAI;
}

export async function startHarness(): Promise<Harness> {
  const mock = await startMockProvider();
  const records: UsageRecord[] = [];
  const providers = FORMAT_CASES.map((c) => ({ ...c.provider, baseUrl: mock.baseUrl(c.format) }));
  const gatewayFor = (options: Partial<GatewayOptions> = {}) =>
    createGateway({ providers, onRecord: (r) => records.push(r), ...options, catalog: options.catalog ?? shippedCatalog() });
  return {
    mock,
    records,
    providers,
    gatewayFor,
    client(options) {
      const gateway = gatewayFor(options);
      return new OpenAI({
        baseURL: 'http://switchyard.local/v1',
        apiKey: 'unused',
        maxRetries: 0,
        fetch: (url, init) => gateway.fetch(new Request(url, init)),
      });
    },
  };
}

/** A harness for a test file or block: the mock starts before its tests, resets before each, and stops after. */
export function useHarness(): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    Object.assign(harness, await startHarness());
  });
  afterAll(() => harness.mock.close());
  beforeEach(() => {
    harness.mock.reset();
    harness.records.length = 0;
  });
  return harness;
}

/** The mock provider alone for a test file: started before its tests, reset (and `records` emptied) before each, stopped after. */
export function useMock(): { readonly mock: MockProvider; records: UsageRecord[] } {
  const state = { mock: undefined as unknown as MockProvider, records: [] as UsageRecord[] };
  beforeAll(async () => {
    state.mock = await startMockProvider();
  });
  afterAll(() => state.mock.close());
  beforeEach(() => {
    state.mock.reset();
    state.records.length = 0;
  });
  return state;
}
