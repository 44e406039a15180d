import { TEMPLATE_LABELS, type TemplateName } from '../settings/templates';

export const CONTEXTS = ['selection', 'page', 'link'] as const;

export interface MenuItem {
  id: string;
  title: string;
  parentId?: string;
  /** 'tab' (the tab strip's menu) is Firefox's alone. */
  contexts: ((typeof CONTEXTS)[number] | 'tab')[];
}

export type MenuAction =
  | { kind: 'summarize'; model: string }
  | { kind: 'template'; template: TemplateName }
  | { kind: 'compare' }
  | { kind: 'ask' }
  | { kind: 'askTabs' };

const SUMMARIZE = 'sy-summarize';

/**
 * The context menu: "Summarize with ▸" (the default model, favourites, recent), the other
 * templates with the default model, "Compare summaries…", "Ask about this…" and "Ask about these tabs…".
 */
export function menuItems(models: { id: string; name: string }[], defaultModel: string | null, { tabStrip = false } = {}): MenuItem[] {
  const contexts = [...CONTEXTS];
  const items: MenuItem[] = [{ id: SUMMARIZE, title: 'Summarize with', contexts }];
  if (models.length === 0) items.push({ id: 'sy-setup', parentId: SUMMARIZE, title: 'Add a provider first…', contexts });
  for (const model of models) {
    items.push({ id: `sy-summarize:${model.id}`, parentId: SUMMARIZE, title: model.id === defaultModel ? `${model.name} (default)` : model.name, contexts });
  }
  for (const template of ['keyPoints', 'explain', 'translate'] as const) {
    items.push({ id: `sy-template:${template}`, title: TEMPLATE_LABELS[template], contexts });
  }
  items.push({ id: 'sy-compare', title: 'Compare summaries…', contexts });
  items.push({ id: 'sy-ask', title: 'Ask about this…', contexts });
  // The tabs selected in the tab strip (or this one alone): on a page, and on the strip where the browser has a menu for it.
  items.push({ id: 'sy-ask-tabs', title: 'Ask about these tabs…', contexts: tabStrip ? ['page', 'tab'] : ['page'] });
  return items;
}

export function parseMenuId(id: string): MenuAction | undefined {
  if (id.startsWith('sy-summarize:')) return { kind: 'summarize', model: id.slice('sy-summarize:'.length) };
  if (id.startsWith('sy-template:')) {
    const template = id.slice('sy-template:'.length);
    return template in TEMPLATE_LABELS ? { kind: 'template', template: template as TemplateName } : undefined;
  }
  if (id === 'sy-compare') return { kind: 'compare' };
  if (id === 'sy-ask') return { kind: 'ask' };
  if (id === 'sy-ask-tabs') return { kind: 'askTabs' };
  return undefined;
}

/** The models the menu offers: default first, then favourites, then recent, at most six. */
export function menuModels(prefs: { defaultModel: string | null; favourites: string[]; recent: string[] }, usable: { id: string; name: string }[], fallback: string[]): { id: string; name: string }[] {
  const ids = [prefs.defaultModel, ...prefs.favourites, ...prefs.recent, ...fallback].filter((id): id is string => Boolean(id));
  const out: { id: string; name: string }[] = [];
  for (const id of ids) {
    const model = usable.find((m) => m.id === id);
    if (model && !out.some((m) => m.id === id)) out.push(model);
    if (out.length === 6) break;
  }
  return out;
}
