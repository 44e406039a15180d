import { describe, expect, it } from 'vitest';
import { parseBackup } from '../../../lib/settings/backup';
import { DEFAULT_ROUTING, RoutingSettings, withRoutingDefaults } from '../../../lib/settings/routing';

describe('settings files', () => {
  it('name the bad field of an invalid file', () => {
    const result = parseBackup(JSON.stringify({ switchyard: 1, providers: [{ id: 'ok', name: 'OK', kind: 'openai', baseUrl: 'https://x.test/v1' }, { id: 'b', name: 'B', kind: 'telepathy', baseUrl: 'https://y.test' }] }));
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.error).toMatch(/^Nothing was imported\. providers\[1\]\.kind: /);
    expect(parseBackup('{oops')).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
    expect(parseBackup('{"hello": 1}')).toMatchObject({ ok: false, error: expect.stringContaining('not a Switchyard settings file') });
    const duplicate = { switchyard: 1, providers: [{ id: 'x', name: 'X', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434' }, { id: 'x', name: 'Y', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434' }] };
    expect(parseBackup(JSON.stringify(duplicate))).toMatchObject({ ok: false, error: expect.stringContaining('"x" appears twice') });
  });

  it('accept a minimal file with defaults', () => {
    const result = parseBackup('{"switchyard": 1}');
    expect(result.ok && result.backup).toMatchObject({ providers: [], routing: { fallbackChain: [], sort: 'none' }, budgets: { warnAt: 0.8 } });
  });
});

describe('routing defaults', () => {
  it('are what the schema gives an empty setting', () => {
    expect(DEFAULT_ROUTING).toEqual(RoutingSettings.parse({}));
  });

  const routing = RoutingSettings.parse({ fallbackChain: ['a/x', 'b/y'], providerOrder: ['groq'], sort: 'price' });
  it('apply to requests that do not route themselves', () => {
    expect(withRoutingDefaults({ model: 'a/x', messages: [] }, routing)).toMatchObject({ models: ['b/y'], provider: { order: ['groq'], sort: 'price' } });
    expect(withRoutingDefaults({ model: 'c/z', models: [], provider: { only: ['openai'] } }, routing)).toMatchObject({ models: [], provider: { only: ['openai'] } });
    expect(withRoutingDefaults({ model: 'c/z' }, RoutingSettings.parse({}))).toEqual({ model: 'c/z' });
  });
});
