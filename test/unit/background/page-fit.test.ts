import { describe, expect, it } from 'vitest';
import { fitPage } from '../../../lib/background/page-fit';
import { createCatalog } from '../../../lib/catalog/catalog';
import { mergeProviderModels } from '../../../lib/catalog/provider-models';
import { withSetWindows } from '../../../lib/catalog/set-windows';
import { BUNDLED_CATALOG } from '../../../lib/catalog/snapshot';
import type { ProviderConfig } from '../../../lib/gateway/providers/types';
import { approximateCounter } from '../../../lib/gateway/tokenizer';

const article = (words: number) => Array.from({ length: words }, (_, i) => `word${i}`).join(' ');
const custom: ProviderConfig = { id: 'lab', kind: 'openai', baseUrl: 'http://127.0.0.1:8000/v1' };
const ollama: ProviderConfig = { id: 'ollama', kind: 'ollama', preset: 'ollama', baseUrl: 'http://127.0.0.1:11434' };
const anthropic: ProviderConfig = { id: 'anthropic', kind: 'anthropic', baseUrl: 'http://127.0.0.1:1', apiKey: 'k' };

describe('a page fitted to a model', () => {
  it('goes whole to a model the catalog has never heard of (the page that went empty before)', async () => {
    const text = article(263);
    const fit = await fitPage({ model: 'lab/unlisted-model', text, reserveTokens: 20 }, [custom], createCatalog(BUNDLED_CATALOG), approximateCounter);
    expect(fit).toMatchObject({ text, trimmed: false, noRoom: false, windowAssumed: true });
    expect(fit.limit).toBeGreaterThan(5_000);
  });

  it("goes whole to a local model listed with its real window (llama3.2:1b, 131,072 tokens)", async () => {
    const catalog = createCatalog(mergeProviderModels(BUNDLED_CATALOG, 'ollama', [{ id: 'llama3.2:1b', contextLength: 131_072 }], true));
    const text = article(20_000);
    const fit = await fitPage({ model: 'ollama/llama3.2:1b', text, reserveTokens: 30 }, [ollama], catalog, approximateCounter);
    expect(fit).toMatchObject({ text, trimmed: false, window: 131_072, windowAssumed: false });
  });

  it('keeps the start of a page too long for an assumed window, and says how much', async () => {
    const text = article(20_000);
    const fit = await fitPage({ model: 'lab/unlisted-model', text, reserveTokens: 20 }, [custom], createCatalog(BUNDLED_CATALOG), approximateCounter);
    expect(fit.trimmed).toBe(true);
    expect(fit.text.length).toBeGreaterThan(0);
    expect(text.startsWith(fit.text)).toBe(true);
    expect(fit.tokens).toBeLessThanOrEqual(fit.limit);
  });

  it('is not sent when a tiny window leaves no room, and a set-up model with room is offered', async () => {
    const listed = mergeProviderModels(BUNDLED_CATALOG, 'lab', [{ id: 'tiny' }]);
    const catalog = createCatalog(withSetWindows(listed, [{ ...custom, contextWindows: { tiny: 512 } }]));
    const fit = await fitPage({ model: 'lab/tiny', text: article(5_000), reserveTokens: 20 }, [custom, anthropic], catalog, approximateCounter);
    expect(fit).toMatchObject({ noRoom: true, text: '', tokens: 0, window: 512, windowAssumed: false });
    expect(fit.roomier?.id).toMatch(/^anthropic\//);
    expect(fit.roomier!.contextLength).toBeGreaterThan(10_000);
  });

  it('offers nothing when no set-up model has room', async () => {
    const catalog = createCatalog(withSetWindows(mergeProviderModels(BUNDLED_CATALOG, 'lab', [{ id: 'tiny' }]), [{ ...custom, contextWindows: { tiny: 512 } }]));
    const fit = await fitPage({ model: 'lab/tiny', text: article(5_000), reserveTokens: 20 }, [custom], catalog, approximateCounter);
    expect(fit.noRoom).toBe(true);
    expect(fit.roomier).toBeUndefined();
  });

  it('shares the window between several tabs: short ones whole, the long one cut to what they leave', async () => {
    const catalog = createCatalog(withSetWindows(mergeProviderModels(BUNDLED_CATALOG, 'lab', [{ id: 'mid' }]), [{ ...custom, contextWindows: { mid: 8_000 } }]));
    const parts = [article(200), article(20_000), article(300)];
    const fit = await fitPage({ model: 'lab/mid', text: parts.join('\n\n'), parts, reserveTokens: 20 }, [custom], catalog, approximateCounter);
    expect(fit.noRoom).toBe(false);
    expect(fit.parts).toHaveLength(3);
    const [first, long, last] = fit.parts!;
    expect(first).toMatchObject({ text: parts[0], trimmed: false });
    expect(last).toMatchObject({ text: parts[2], trimmed: false });
    expect(long!.trimmed).toBe(true);
    expect(parts[1]!.startsWith(long!.text)).toBe(true);
    // Together within the page's limit, and the long tab given all the short ones left.
    expect(first!.tokens + long!.tokens + last!.tokens).toBeLessThanOrEqual(fit.limit);
    expect(long!.tokens).toBeGreaterThan(fit.limit - first!.tokens - last!.tokens - 20);
    expect(fit.text).toBe(fit.parts!.map((p) => p.text).join('\n\n'));
  });

  it('sends none of several tabs to a window with no room for them', async () => {
    const catalog = createCatalog(withSetWindows(mergeProviderModels(BUNDLED_CATALOG, 'lab', [{ id: 'tiny' }]), [{ ...custom, contextWindows: { tiny: 512 } }]));
    const parts = [article(3_000), article(3_000)];
    const fit = await fitPage({ model: 'lab/tiny', text: parts.join('\n\n'), parts, reserveTokens: 20 }, [custom], catalog, approximateCounter);
    expect(fit.noRoom).toBe(true);
    expect(fit.parts!.map((p) => p.text)).toEqual(['', '']);
  });
});
