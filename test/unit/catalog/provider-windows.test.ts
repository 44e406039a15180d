import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../../lib/catalog/catalog';
import { mergeProviderModels } from '../../../lib/catalog/provider-models';
import { CatalogSnapshot } from '../../../lib/catalog/schema';
import { withSetWindows } from '../../../lib/catalog/set-windows';
import { BUNDLED_CATALOG } from '../../../lib/catalog/snapshot';
import { ASSUMED_WINDOW } from '../../../lib/catalog/window';

describe("the windows of a provider's own models, as listed", () => {
  it('come with models the catalog does not know; a model listed without one gets an assumed window, marked so', () => {
    const merged = mergeProviderModels(BUNDLED_CATALOG, 'ollama', [{ id: 'llama3.2:1b', contextLength: 131_072 }, { id: 'my-finetune:7b' }], true);
    const catalog = createCatalog(CatalogSnapshot.parse(merged));
    const known = catalog.get('ollama/llama3.2:1b')!;
    expect(known.contextLength).toBe(131_072);
    expect(known.contextAssumed).toBeUndefined();
    expect(known.maxOutput).toBe(8_192);
    const unknown = catalog.get('ollama/my-finetune:7b')!;
    expect(unknown).toMatchObject({ contextLength: ASSUMED_WINDOW, contextAssumed: true });
    // The answer's room is a share of the window, never all of it.
    expect(unknown.maxOutput).toBeLessThan(ASSUMED_WINDOW);
  });

  it('are refreshed with the list: a model loaded with another window since takes it, an assumed one becomes known', () => {
    const first = mergeProviderModels(BUNDLED_CATALOG, 'custom', [{ id: 'served-a', contextLength: 32_768 }, { id: 'served-b' }]);
    const again = mergeProviderModels(first, 'custom', [{ id: 'served-a', contextLength: 16_384 }, { id: 'served-b', contextLength: 65_536 }]);
    const catalog = createCatalog(again);
    expect(catalog.get('custom/served-a')?.contextLength).toBe(16_384);
    expect(catalog.get('custom/served-b')).toMatchObject({ contextLength: 65_536 });
    expect(catalog.get('custom/served-b')?.contextAssumed).toBeUndefined();
    expect(again.models.filter((m) => m.id.startsWith('custom/'))).toHaveLength(2);
  });

  it("leave the catalog's own figure for a model other providers serve too", () => {
    const before = createCatalog(BUNDLED_CATALOG).findEndpoint('groq', 'llama-3.3-70b-versatile')!.model;
    expect(before.endpoints.length).toBeGreaterThan(1);
    const after = createCatalog(mergeProviderModels(BUNDLED_CATALOG, 'groq', [{ id: 'llama-3.3-70b-versatile', contextLength: 1_000 }]));
    expect(after.get(before.id)?.contextLength).toBe(before.contextLength);
  });
});

describe('windows a user set in a provider’s settings', () => {
  const merged = mergeProviderModels(BUNDLED_CATALOG, 'lab', [{ id: 'big-model' }]);

  it("replace the listed or assumed window of that provider's model", () => {
    const set = createCatalog(withSetWindows(merged, [{ id: 'lab', contextWindows: { 'big-model': 65_536 } }]));
    expect(set.get('lab/big-model')).toMatchObject({ contextLength: 65_536 });
    expect(set.get('lab/big-model')?.contextAssumed).toBeUndefined();
  });

  it('apply to a provider standing for a preset, and leave everything else as it was', () => {
    const anthropic = createCatalog(BUNDLED_CATALOG).get('anthropic/claude-sonnet-4-5')!;
    const set = withSetWindows(BUNDLED_CATALOG, [{ id: 'work', preset: 'anthropic', contextWindows: { 'claude-sonnet-4-5': 100_000 } }]);
    expect(createCatalog(set).get('anthropic/claude-sonnet-4-5')?.contextLength).toBe(100_000);
    expect(createCatalog(set).get('openai/gpt-4o-mini')).toEqual(createCatalog(BUNDLED_CATALOG).get('openai/gpt-4o-mini'));
    expect(anthropic.contextLength).not.toBe(100_000);
    expect(withSetWindows(BUNDLED_CATALOG, [{ id: 'x' }])).toBe(BUNDLED_CATALOG);
  });
});
