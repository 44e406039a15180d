import { describe, expect, it } from 'vitest';
import { buildJob } from '../../../lib/menus/build-job';
import { menuItems, menuModels, parseMenuId } from '../../../lib/menus/menu-items';
import { DEFAULT_TEMPLATES, renderTemplate } from '../../../lib/settings/templates';

const usable = [
  { id: 'openai/gpt-4o-mini', name: 'GPT-4o mini' },
  { id: 'anthropic/claude-haiku-4-5', name: 'Claude Haiku 4.5' },
  { id: 'meta-llama/llama-3.2-3b-instruct', name: 'Llama 3.2 3B' },
];

describe('the context menu', () => {
  it('lists the default model, favourites and recent under "Summarize with", then the other actions', () => {
    const models = menuModels({ defaultModel: 'anthropic/claude-haiku-4-5', favourites: ['openai/gpt-4o-mini'], recent: ['gone/model'] }, usable, []);
    expect(models.map((m) => m.id)).toEqual(['anthropic/claude-haiku-4-5', 'openai/gpt-4o-mini']);
    const items = menuItems(models, 'anthropic/claude-haiku-4-5');
    expect(items.map((i) => i.title)).toEqual(['Summarize with', 'Claude Haiku 4.5 (default)', 'GPT-4o mini', 'Key points', 'Explain simply', 'Translate', 'Compare summaries…', 'Ask about this…', 'Ask about these tabs…']);
    expect(items.slice(0, -1).every((i) => i.contexts.join() === 'selection,page,link')).toBe(true);
    // The tabs selected in the strip: from a page's menu, and from the tab strip's where the browser has one (Firefox).
    expect(items.at(-1)!.contexts).toEqual(['page']);
    expect(menuItems(models, null, { tabStrip: true }).at(-1)!.contexts).toEqual(['page', 'tab']);
    expect(parseMenuId('sy-ask-tabs')).toEqual({ kind: 'askTabs' });
    expect(parseMenuId(items[1]!.id)).toEqual({ kind: 'summarize', model: 'anthropic/claude-haiku-4-5' });
    expect(parseMenuId('sy-template:explain')).toEqual({ kind: 'template', template: 'explain' });
    expect(parseMenuId('sy-template:nope')).toBeUndefined();
  });

  it('puts a selection into the prompt, and attaches a whole page as context instead', () => {
    const ctx = { templates: DEFAULT_TEMPLATES, defaultModel: 'openai/gpt-4o-mini', compareModels: ['a', 'b', 'c'], id: 'j1', now: 1 };
    const page = { url: 'http://x/a', title: 'A page', text: 'Long page text', selection: '', byline: null, lang: null, extractedWith: 'readability' as const };
    const onSelection = buildJob({ kind: 'summarize', model: 'anthropic/claude-haiku-4-5' }, { selectionText: 'Selected words', pageUrl: 'http://x/a', pageTitle: 'A page' }, undefined, ctx);
    expect(onSelection).toMatchObject({ kind: 'ask', models: ['anthropic/claude-haiku-4-5'] });
    expect(onSelection.prompt).toContain('Selected words');
    expect(onSelection.prompt).toContain('From “A page” (http://x/a)');
    expect(onSelection.page).toBeUndefined();
    const onPage = buildJob({ kind: 'compare' }, { pageUrl: 'http://x/a' }, page, ctx);
    expect(onPage).toMatchObject({ kind: 'compare', models: ['a', 'b', 'c'], page: { kind: 'page', text: 'Long page text' } });
    expect(onPage.prompt).toContain('the page text given above');
    const ask = buildJob({ kind: 'ask' }, { selectionText: 'Quote' }, page, ctx);
    expect(ask).toMatchObject({ kind: 'chat', prompt: '', page: { kind: 'selection', text: 'Quote' } });
  });

  it('fills templates', () => {
    expect(renderTemplate('Translate into {{language}}: {{ selection }} ({{url}})', { selection: 'Hallo', url: 'u', language: 'French' })).toBe('Translate into French: Hallo (u)');
    expect(renderTemplate('{{selection}}', { text: 'page text' })).toBe('page text');
  });
});
