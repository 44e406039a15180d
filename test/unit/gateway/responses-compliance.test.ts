import { describe, expect, it } from 'vitest';
import { memoryResponseStore, responsesEndpointWith } from '../../../lib/gateway';
import { createGatewayWith } from '../../../lib/gateway/gateway';
import { shippedCatalog } from '../../support/fixtures';
import { FORMAT_CASES, useHarness } from '../../support/gateway-harness';
import { HTTP_SCENARIOS, MORE_SCENARIOS } from '../../support/responses-compliance';

const h = useHarness();

describe('the Open Responses compliance scenarios through gateway.fetch, held to the published schemas', () => {
  for (const { format, model } of FORMAT_CASES) {
    describe(`on ${model}`, () => {
      for (const scenario of [...HTTP_SCENARIOS, ...MORE_SCENARIOS]) {
        it(scenario.id, async () => {
          const gateway = createGatewayWith({ providers: h.providers, catalog: shippedCatalog(), responses: responsesEndpointWith({ store: memoryResponseStore(), owner: 'dev' }), retry: { maxRetries: 0 } });
          const failures = await scenario.run({
            model,
            script: (behavior) => h.mock.script(format, behavior),
            get: (path) => gateway.fetch(new Request(`http://switchyard.local/v1${path}`)),
            post: (path, body) => gateway.fetch(new Request(`http://switchyard.local/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })),
          });
          expect(failures).toEqual([]);
        });
      }
    });
  }
});
