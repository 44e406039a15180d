import type { UsageRecord } from '../../lib/gateway/record';

let counter = 0;

/** A usage record as the gateway would report it, with fields to override. */
export function usageRecord(overrides: Partial<UsageRecord> = {}): UsageRecord {
  counter++;
  return {
    id: `chatcmpl-test${counter}`,
    startedAt: Date.parse('2026-11-25T10:00:00') + counter,
    source: 'sidepanel',
    stream: true,
    requestedModel: 'anthropic/claude-sonnet-4-5',
    model: 'anthropic/claude-sonnet-4-5',
    provider: 'anthropic',
    attempts: [{ provider: 'anthropic', model: 'claude-sonnet-4-5', status: 'ok', ms: 420 }],
    usage: { prompt: 1000, completion: 200, cached: 0, cacheWrite: 0, reasoning: 0 },
    usageEstimated: false,
    cost: 0.006,
    cacheSaved: 0,
    priced: true,
    ttftMs: 180,
    totalMs: 420,
    finishReason: 'stop',
    status: 'ok',
    ...overrides,
  };
}
