import type { Catalog } from '../catalog/catalog';
import { isEmbeddingModel, type CatalogModel } from '../catalog/schema';
import { ASSUMED_WINDOW } from '../catalog/window';
import { fitText, type FitResult } from '../chat/fit-text';
import { leavesNoRoom, pageTokenLimit, windowNeeded } from '../chat/page-budget';
import { shareLimit } from '../gateway/share-limit';
import { candidatePrice, resolveModelName } from '../gateway/resolve';
import type { ProviderConfig } from '../gateway/providers/types';
import { approximateCounter, type TokenCounter } from '../gateway/tokenizer';

export interface PageFit extends FitResult {
  /** The window the page was fitted to, and whether anyone said so or it is Switchyard's guess. */
  window: number;
  windowAssumed: boolean;
  /** Too little of the page would go to be worth asking: the question should not go with this model. */
  noRoom: boolean;
  /** When there is no room: a model the user has set up whose window holds the page and the conversation. */
  roomier?: { id: string; name: string; contextLength: number };
  /** Several pages (tabs) fitted together: each one's part of the limit, in the request's order. */
  parts?: FitResult[];
}

export interface PageFitRequest {
  model: string;
  /** The page; with `parts`, ignored (the parts are the pages). */
  text: string;
  /** Several pages asked about at once: the limit is shared between them (lib/gateway/share-limit.ts). */
  parts?: string[];
  /** What the conversation takes besides the page (earlier messages and the question), in tokens. */
  reserveTokens: number;
}

/** The window a model name stands for: the smallest its providers serve, else an assumed one. */
export function windowOf(model: string, providers: ProviderConfig[], catalog: Catalog): { window: number; maxOutput?: number; assumed: boolean } {
  const entries = resolveModelName(model, providers, catalog).flatMap((c) => (c.entry ? [c.entry.model] : []));
  const known = entries.filter((m) => !m.contextAssumed);
  const sized = known.length ? known : entries;
  if (sized.length === 0) return { window: ASSUMED_WINDOW, assumed: true };
  return {
    window: Math.min(...sized.map((m) => m.contextLength)),
    maxOutput: Math.min(...sized.map((m) => m.maxOutput)),
    assumed: known.length === 0,
  };
}

/** The set-up model that holds a page whole, the same maker's first, then the cheapest. */
function roomierModel(model: string, needed: number, providers: ProviderConfig[], catalog: Catalog): CatalogModel | undefined {
  const author = resolveModelName(model, providers, catalog).find((c) => c.entry)?.entry?.model.author;
  const options = catalog
    .all()
    .filter((m) => m.contextLength >= needed && !m.contextAssumed && !isEmbeddingModel(m) && m.id !== model)
    .flatMap((m) => {
      const candidates = resolveModelName(m.id, providers, catalog);
      const prices = candidates.map((c) => candidatePrice(c)).filter((p): p is number => p !== undefined);
      return candidates.length ? [{ model: m, price: prices.length ? Math.min(...prices) : m.local ? 0 : Infinity }] : [];
    });
  options.sort((a, b) => Number(b.model.author === author) - Number(a.model.author === author) || a.price - b.price);
  return options[0]?.model;
}

/** Each page cut to its share of the limit: short ones whole, the rest evenly. */
function fitParts(texts: string[], limit: number, counter: TokenCounter): FitResult[] {
  const shares = shareLimit(texts.map((t) => counter.count(t)), limit);
  return texts.map((text, i) => fitText(text, shares[i]!, counter));
}

/** The parts as one page, for what the chip and the no-room rule read. */
function joined(parts: FitResult[], limit: number): FitResult {
  const sum = (pick: (p: FitResult) => number) => parts.reduce((total, p) => total + pick(p), 0);
  return { text: parts.map((p) => p.text).join('\n\n'), trimmed: parts.some((p) => p.trimmed), tokens: sum((p) => p.tokens), originalTokens: sum((p) => p.originalTokens), limit };
}

/**
 * Fits a page to what a model's window leaves it beside the conversation: whole when it fits, else
 * its start cut at a word, and when even that leaves too little, no page and a model with room.
 */
export async function fitPage(request: PageFitRequest, providers: ProviderConfig[], catalog: Catalog, counter: TokenCounter): Promise<PageFit> {
  const { window, maxOutput, assumed } = windowOf(request.model, providers, catalog);
  const limit = pageTokenLimit({ window, maxOutput, conversationTokens: request.reserveTokens });
  const texts = request.parts ?? [request.text];
  // A page far inside the limit is kept whole on a guess; one near it is cut by real counts.
  if (approximateCounter.count(texts.join('\n')) > limit / 2) await counter.load?.();
  const parts = request.parts ? fitParts(request.parts, limit, counter) : undefined;
  const fit = parts ? joined(parts, limit) : fitText(request.text, limit, counter);
  const noRoom = leavesNoRoom(limit, fit.originalTokens);
  const roomier = noRoom ? roomierModel(request.model, windowNeeded(fit.originalTokens, request.reserveTokens), providers, catalog) : undefined;
  return {
    ...(noRoom ? { ...fit, text: '', tokens: 0 } : fit),
    ...(parts ? { parts: noRoom ? parts.map((p) => ({ ...p, text: '', tokens: 0 })) : parts } : {}),
    window,
    windowAssumed: assumed,
    noRoom,
    ...(roomier ? { roomier: { id: roomier.id, name: roomier.name, contextLength: roomier.contextLength } } : {}),
  };
}
