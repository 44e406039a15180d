import type { PendingJob } from '../chat/jobs';
import type { PageContent } from '../messaging/page';
import { renderTemplate, type PromptTemplates } from '../settings/templates';
import type { MenuAction } from './menu-items';

export interface ClickInfo {
  selectionText?: string;
  linkUrl?: string;
  pageUrl?: string;
  /** The tab's title (contextMenus passes the tab alongside the click). */
  pageTitle?: string;
}

/**
 * What a context-menu click asks for. A selection goes into the prompt itself; a whole page is
 * attached as page context (trimmed to the model later) and the prompt refers to it.
 */
export function buildJob(
  action: MenuAction,
  info: ClickInfo,
  page: PageContent | undefined,
  ctx: { templates: PromptTemplates; defaultModel: string; compareModels: string[]; id: string; now: number },
): PendingJob {
  const selection = info.selectionText?.trim();
  const title = page?.title || info.pageTitle || '';
  const url = info.linkUrl ?? page?.url ?? info.pageUrl ?? '';
  const subject = selection || (info.linkUrl ? `the link ${info.linkUrl}` : 'the page text given above');
  const template =
    action.kind === 'template' ? ctx.templates[action.template] : action.kind === 'summarize' || action.kind === 'compare' ? ctx.templates.summary : '';
  const prompt = template ? renderTemplate(template, { selection: subject, title, url, language: ctx.templates.translateTo }) : '';
  const attachPage = !selection && page && page.text ? { url: page.url, title: page.title, text: page.text, kind: 'page' as const } : undefined;
  const selectionPage = selection && action.kind === 'ask' ? { url: page?.url ?? url, title, text: selection, kind: 'selection' as const } : undefined;
  return {
    id: ctx.id,
    kind: action.kind === 'compare' ? 'compare' : action.kind === 'ask' ? 'chat' : 'ask',
    models: action.kind === 'summarize' ? [action.model] : action.kind === 'compare' ? ctx.compareModels : [ctx.defaultModel],
    prompt,
    ...(attachPage || selectionPage ? { page: attachPage ?? selectionPage } : {}),
    createdAt: ctx.now,
  };
}
