import { readErrorBody } from '../shared/errors';
import type { ProviderErrorDetails } from '../types';

interface FilterResult {
  filtered?: boolean;
  severity?: string;
  detected?: boolean;
}

/** The categories Azure's content filter flagged, e.g. "violence (medium)". */
export function filteredCategories(results: Record<string, FilterResult> | undefined): string[] {
  return Object.entries(results ?? {})
    .filter(([, r]) => r?.filtered)
    .map(([category, r]) => (r.severity && r.severity !== 'safe' ? `${category} (${r.severity})` : category));
}

/**
 * Azure's error bodies: OpenAI's shape with Azure's codes ("401", "DeploymentNotFound"), and a
 * prompt refused by the content filter (code content_filter, the categories in innererror)
 * (https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter).
 */
export function parseAzureError(status: number, text: string): ProviderErrorDetails {
  const details = readErrorBody(status, text);
  let inner: { code?: string; content_filter_result?: Record<string, FilterResult> } | undefined;
  try {
    inner = (JSON.parse(text) as { error?: { innererror?: typeof inner } }).error?.innererror;
  } catch {
    inner = undefined;
  }
  if (details.code === 'content_filter' || inner?.code === 'ResponsibleAIPolicyViolation') {
    const categories = filteredCategories(inner?.content_filter_result);
    return { message: `Azure's content filter refused the prompt${categories.length ? ` (${categories.join(', ')})` : ''}.`, code: 'content_filter', status: 400 };
  }
  if (details.code === 'DeploymentNotFound') {
    return { message: `${details.message} Check the deployment names set for this provider.`, code: 'model_not_found', status: 404 };
  }
  return details;
}
