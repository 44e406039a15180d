import type { Catalog } from '../catalog/catalog';
import { hasDocuments, takesDocuments } from './documents';
import { chooseTier, lastUserText, requestFeatures, type AutoTiers, type Tier } from './auto-router';
import { badRequest, GatewayError } from './errors';
import { isEmbeddingModel } from '../catalog/schema';
import { promptKind, type PromptKind } from './prompt-kind';

/** Per kind of prompt, models `auto` tries first within a tier; or a function giving them as they are now. */
export type AutoPreferences = Partial<Record<PromptKind, string[]>> | (() => Partial<Record<PromptKind, string[]>> | undefined);
import { estimatePromptTokens } from './estimate';
import type { HealthTracker } from './health';
import type { ChatRequest } from './openai-schema';
import type { ProviderConfig } from './providers/types';
import { candidatePrice, resolveCandidates, resolveModelName, type Candidate } from './resolve';
import { approximateCounter, type TokenCounter } from './tokenizer';

export interface PlanDeps {
  providers: ProviderConfig[];
  catalog: Catalog;
  health: HealthTracker;
  tokenizer: TokenCounter;
  tiers: AutoTiers;
  /** Per kind of prompt, the models the user's own votes rate best, best first: `auto` tries them first within a tier. */
  preferred?: AutoPreferences;
}

export interface SkippedCandidate {
  candidate: Candidate;
  code: string;
  reason: string;
}

/** Who to ask, in which order, and why. */
export interface Plan {
  /** The request with "auto" replaced by the chosen models. */
  request: ChatRequest;
  candidates: Candidate[];
  skipped: SkippedCandidate[];
  promptTokens: number;
  route: string;
  /** The count decided something (a context window is near) but was a guess: plan again once the real tokenizer is loaded. */
  wantsExactCount: boolean;
}

const EXACT_COUNT_MAX_CHARS = 200_000;

function promptChars(request: ChatRequest): number {
  let chars = 0;
  for (const m of request.messages) chars += typeof m.content === 'string' ? m.content.length : JSON.stringify(m.content ?? '').length;
  return chars;
}

/**
 * Counts the prompt with the real tokenizer when it is affordable or when the count decides
 * whether a model's context is big enough; otherwise a character estimate is as good.
 */
function countPrompt(request: ChatRequest, tokenizer: TokenCounter, smallestContext: number): { tokens: number; wantsExact: boolean } {
  const rough = estimatePromptTokens(request.messages, approximateCounter, request.tools);
  const nearLimit = rough > smallestContext / 2 && rough < smallestContext * 2;
  if (!tokenizer.exact) return { tokens: rough, wantsExact: nearLimit && tokenizer.load !== undefined };
  if (promptChars(request) <= EXACT_COUNT_MAX_CHARS || nearLimit) return { tokens: estimatePromptTokens(request.messages, tokenizer, request.tools), wantsExact: false };
  return { tokens: rough, wantsExact: false };
}

function outputReserve(request: ChatRequest): number {
  return request.max_completion_tokens ?? request.max_tokens ?? 0;
}

/** Whether a prompt fits a candidate's window; an assumed window is the provider's to judge, not a reason to go elsewhere. */
function fits(candidate: Candidate, needed: number): boolean {
  const model = candidate.entry?.model;
  return model === undefined || model.contextAssumed === true || model.contextLength >= needed;
}

/** The candidates that can read a prompt's documents; the others are passed over, or the request refused by name. */
function readersOf(candidates: Candidate[], skipped: SkippedCandidate[]): Candidate[] {
  const readers = candidates.filter((c) => takesDocuments(c.provider) && c.entry?.model.capabilities.vision !== false);
  for (const candidate of candidates.filter((c) => !readers.includes(c))) skipped.push({ candidate, code: 'documents_not_supported', reason: 'reads no PDF documents' });
  if (readers.length === 0) {
    const named = candidates.map((c) => `${c.provider.id}/${c.model}`).join(', ');
    throw badRequest(
      `${named} cannot read PDF documents. Pick a model that can (Claude, Gemini or GPT-4o and newer, at Anthropic, Google, OpenAI, OpenRouter or Bedrock), or send the document's text.`,
      'messages',
      'documents_not_supported',
    );
  }
  return readers;
}

function capable(candidate: Candidate, request: ChatRequest): boolean {
  if (candidate.entry && isEmbeddingModel(candidate.entry.model)) return false;
  if (hasDocuments(request) && (!takesDocuments(candidate.provider) || candidate.entry?.model.capabilities.vision === false)) return false;
  const caps = candidate.entry?.model.capabilities;
  if (!caps) return true;
  const images = request.messages.some((m) => Array.isArray(m.content) && m.content.some((p) => p.type === 'image_url'));
  if (images && !caps.vision) return false;
  if (request.tools?.length && !caps.tools) return false;
  return true;
}

const TIER_ORDER: Record<Tier, Tier[]> = {
  cheap: ['cheap', 'balanced', 'strong'],
  balanced: ['balanced', 'strong', 'cheap'],
  strong: ['strong', 'balanced', 'cheap'],
};

/** Replaces model "auto" with the models of the tier the request needs, keeping only usable ones. */
function resolveAuto(request: ChatRequest, deps: PlanDeps, promptTokens: number): { request: ChatRequest; route: string } {
  const { tier, reason } = chooseTier(requestFeatures(request, promptTokens));
  const needed = promptTokens + outputReserve(request);
  const preferred = typeof deps.preferred === 'function' ? deps.preferred() : deps.preferred;
  const kind = preferred ? promptKind(lastUserText(request)) : 'general';
  const liked = preferred?.[kind] ?? [];
  const rank = (id: string) => (liked.includes(id) ? liked.indexOf(id) : liked.length);
  for (const candidateTier of TIER_ORDER[tier]) {
    const usable = deps.tiers[candidateTier]
      .filter((id) => resolveModelName(id, deps.providers, deps.catalog).some((c) => fits(c, needed) && capable(c, request)))
      .sort((a, b) => rank(a) - rank(b));
    if (usable.length === 0) continue;
    const rest = (request.models ?? []).filter((m) => m !== 'auto');
    const shifted = candidateTier === tier ? '' : ` (no ${tier} model is set up; using ${candidateTier})`;
    const yours = liked.includes(usable[0]!) ? ` (your pick for ${kind} prompts, from your votes)` : '';
    return {
      request: { ...request, model: usable[0]!, models: [...usable.slice(1), ...rest].slice(0, 10) },
      route: `auto → ${reason}${shifted} → ${usable[0]}${yours}`,
    };
  }
  throw new GatewayError(404, 'not_found_error', 'model_not_found', 'model "auto" found no configured provider serving any model of its tiers. Add a provider key or set the auto-router tiers.', {
    param: 'model',
  });
}

/** A bigger model for a prompt that fits none of the requested ones: same maker first, then cheapest. */
function largerModel(request: ChatRequest, first: Candidate | undefined, needed: number, deps: PlanDeps): Candidate[] {
  const author = first?.entry?.model.author;
  const options = deps.catalog
    .all()
    .filter((m) => m.contextLength >= needed && !m.contextAssumed && !m.unpriced)
    .flatMap((m) => resolveModelName(m.id, deps.providers, deps.catalog))
    .filter((c) => capable(c, request));
  options.sort((a, b) => {
    const sameA = a.entry?.model.author === author ? 0 : 1;
    const sameB = b.entry?.model.author === author ? 0 : 1;
    return sameA - sameB || (candidatePrice(a) ?? Infinity) - (candidatePrice(b) ?? Infinity);
  });
  return options.slice(0, 3);
}

function healthSort(candidates: Candidate[], sort: string | undefined, health: HealthTracker): Candidate[] {
  if (sort !== 'latency' && sort !== 'throughput') return candidates;
  const metric = (c: Candidate) => {
    const stats = health.get(c.provider.id, c.model) ?? health.get(c.provider.id);
    return sort === 'latency' ? stats?.ttftMs : stats?.tokensPerSec;
  };
  const known = candidates.map(metric).filter((v): v is number => v !== null && v !== undefined).sort((a, b) => a - b);
  // Unmeasured candidates rank as a typical one, so they get measured eventually.
  const typical = known.length ? known[Math.floor(known.length / 2)]! : 0;
  const value = (c: Candidate) => metric(c) ?? typical;
  return [...candidates].sort((a, b) => (sort === 'latency' ? value(a) - value(b) : value(b) - value(a)));
}

export function planRequest(original: ChatRequest, deps: PlanDeps): Plan {
  const routeNotes: string[] = [];
  const roughContext = 8_192;
  const first = countPrompt(original, deps.tokenizer, roughContext);
  let promptTokens = first.tokens;
  let wantsExactCount = first.wantsExact;
  let request = original;
  if (original.model === 'auto') {
    const auto = resolveAuto(original, deps, promptTokens);
    request = auto.request;
    routeNotes.push(auto.route);
  }

  let candidates = resolveCandidates(request, deps.providers, deps.catalog);
  const chatting = candidates.filter((c) => !c.entry || !isEmbeddingModel(c.entry.model));
  if (chatting.length === 0) {
    throw badRequest(`${candidates[0]!.entry!.model.name} is an embedding model: send it to POST /embeddings, or name a chat model.`, 'model', 'not_a_chat_model');
  }
  candidates = chatting;
  const skipped: SkippedCandidate[] = [];
  if (hasDocuments(request)) candidates = readersOf(candidates, skipped);
  const smallest = Math.min(...candidates.map((c) => (c.entry && !c.entry.model.contextAssumed ? c.entry.model.contextLength : Infinity)));
  if (Number.isFinite(smallest)) {
    const counted = countPrompt(request, deps.tokenizer, smallest);
    promptTokens = counted.tokens;
    wantsExactCount = counted.wantsExact;
  }
  candidates = healthSort(candidates, request.provider?.sort, deps.health);
  if (request.provider?.sort) routeNotes.push(`sorted by ${request.provider.sort}`);

  const needed = promptTokens + outputReserve(request);
  const fitting = candidates.filter((candidate) => {
    if (fits(candidate, needed)) return true;
    skipped.push({
      candidate,
      code: 'context_too_small',
      reason: `context window ${candidate.entry!.model.contextLength.toLocaleString('en-US')} < ${needed.toLocaleString('en-US')} tokens needed`,
    });
    return false;
  });
  if (fitting.length === 0 && request.provider?.allow_fallbacks !== false) {
    const bigger = largerModel(request, candidates[0], needed, deps);
    if (bigger.length === 0) {
      throw new GatewayError(400, 'invalid_request_error', 'context_length_exceeded', `The prompt needs about ${needed.toLocaleString('en-US')} tokens; no configured model has a context window that large.`, {
        param: 'messages',
      });
    }
    routeNotes.push(`context upgrade to ${bigger[0]!.entry?.model.id} (${needed.toLocaleString('en-US')} tokens needed)`);
    fitting.push(...bigger);
  } else if (fitting.length === 0) {
    throw new GatewayError(400, 'invalid_request_error', 'context_length_exceeded', skipped[0]!.reason, { param: 'messages' });
  }

  // Endpoints cooling down after failures are passed over while others can answer; when all
  // are cooling down the attempt loop tries the one due first.
  const healthy = fitting.filter((c) => !deps.health.isOpen(c.provider.id, c.model));
  const ordered = healthy.length > 0 ? healthy : fitting;
  if (healthy.length > 0) {
    for (const candidate of fitting.filter((c) => !healthy.includes(c))) {
      const stats = deps.health.get(candidate.provider.id, candidate.model) ?? deps.health.get(candidate.provider.id);
      skipped.push({ candidate, code: 'circuit_open', reason: `cooling down after ${stats?.consecutiveFailures ?? 'repeated'} failures (${stats?.lastError ?? 'errors'})` });
    }
  }
  const names = [...new Set(ordered.map((c) => `${c.provider.id}/${c.model}`))];
  routeNotes.push(names.join(' → '));
  return { request, candidates: ordered, skipped, promptTokens, route: routeNotes.join('; '), wantsExactCount };
}

