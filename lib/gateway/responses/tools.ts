import { badRequest } from '../errors';
import type { ResponsesRequest } from './schema';

/**
 * The Responses API's tool kinds as chat functions, and back. A namespace's tools are flattened to
 * functions named `<namespace>__<name>` (providers have no namespaces), a custom (freeform) tool is
 * a function taking one string, `input`; the calls come back as the client declared them. Hosted
 * web search becomes the chat request's web search, run by the provider's own search where the
 * model has one (left out, and said so, where it has none or the client allows no live access).
 */

/** What a chat function stands for in the client's terms. */
export interface DeclaredTool {
  name: string;
  namespace?: string;
  custom?: boolean;
}

type ChatTool = { type: 'function'; function: Record<string, unknown> };
type RawTool = Record<string, unknown> & { type: string };

export const WEB_SEARCH_TOOLS = new Set(['web_search', 'web_search_preview', 'web_search_2025_08_26']);

export const chatName = (name: string, namespace?: string | null) => (namespace ? `${namespace}__${name}` : name);

function customFunction(tool: RawTool, name: string, description: string | undefined): ChatTool {
  const format = tool.format as { type?: string; syntax?: string; definition?: string } | undefined;
  const grammar = format?.type === 'grammar' && format.definition ? `\nThe input follows this ${format.syntax ?? ''} grammar:\n${format.definition}` : '';
  return {
    type: 'function',
    function: {
      name,
      ...(description ? { description } : {}),
      parameters: { type: 'object', properties: { input: { type: 'string', description: `The tool's whole input, as free text.${grammar}` } }, required: ['input'], additionalProperties: false },
    },
  };
}

function plainFunction(tool: RawTool, name: string, description: string | undefined): ChatTool {
  const { parameters, strict } = tool as { parameters?: Record<string, unknown> | null; strict?: boolean | null };
  return { type: 'function', function: { name, ...(description ? { description } : {}), ...(parameters ? { parameters } : {}), ...(strict != null ? { strict } : {}) } };
}

/** A web_search tool as chat's web_search_options; none when the client allows no live web access (Codex's cached mode). */
function searchOptions(tool: RawTool): Record<string, unknown> | undefined {
  if (tool.external_web_access === false) return undefined;
  const location = tool.user_location as Record<string, unknown> | undefined;
  return {
    ...(typeof tool.search_context_size === 'string' ? { search_context_size: tool.search_context_size } : {}),
    ...(location ? { user_location: { type: 'approximate', approximate: location } } : {}),
  };
}

/** The request's tools as chat functions, what each stands for, its web search, and the hosted tools left out. */
export function chatTools(request: ResponsesRequest): { tools: ChatTool[]; declared: Map<string, DeclaredTool>; leftOut: string[]; search?: Record<string, unknown> } {
  const tools: ChatTool[] = [];
  const declared = new Map<string, DeclaredTool>();
  const leftOut: string[] = [];
  let search: Record<string, unknown> | undefined;
  const add = (tool: RawTool, param: string, namespace?: { name: string; description?: string }) => {
    const name = typeof tool.name === 'string' ? tool.name : '';
    const flat = chatName(name, namespace?.name);
    const own = typeof tool.description === 'string' ? tool.description : undefined;
    const description = namespace?.description && own ? `${namespace.description} ${own}` : own;
    if (tool.type === 'function') tools.push(plainFunction(tool, flat, description));
    else if (tool.type === 'custom') tools.push(customFunction(tool, flat, description));
    else throw badRequest(`Switchyard's /responses does not support "${tool.type}" tools inside a namespace; function and custom tools work with every provider.`, `${param}.type`, 'unsupported_parameter');
    declared.set(flat, { name, ...(namespace ? { namespace: namespace.name } : {}), ...(tool.type === 'custom' ? { custom: true } : {}) });
  };
  (request.tools ?? []).forEach((raw, i) => {
    const tool = raw as RawTool;
    if (tool.type === 'function' || tool.type === 'custom') return add(tool, `tools[${i}]`);
    if (tool.type === 'namespace') {
      const namespace = { name: String(tool.name ?? ''), ...(typeof tool.description === 'string' ? { description: tool.description } : {}) };
      return ((tool.tools as RawTool[] | undefined) ?? []).forEach((inner, j) => add(inner, `tools[${i}].tools[${j}]`, namespace));
    }
    if (WEB_SEARCH_TOOLS.has(tool.type)) {
      const options = searchOptions(tool);
      if (options) search = options;
      else leftOut.push(tool.type);
      return;
    }
    throw badRequest(`Switchyard's /responses does not support "${tool.type}" tools (OpenAI runs those itself); function, custom and namespace tools work with every provider.`, `tools[${i}].type`, 'unsupported_parameter');
  });
  return { tools, declared, leftOut, ...(search ? { search } : {}) };
}

/** A custom tool's input from the function arguments it was asked for as (or the text itself, if the model sent no JSON). */
export function customInput(args: string): string {
  try {
    const parsed = JSON.parse(args) as { input?: unknown };
    return typeof parsed?.input === 'string' ? parsed.input : args;
  } catch {
    return args;
  }
}
