import { networkError, providerHttpError } from '../../errors';
import { readErrorBody } from './errors';

/** GET a provider's JSON (model lists), with its failures as gateway errors. */
export async function getProviderJson(
  fetchImpl: typeof fetch,
  url: string,
  headers: Record<string, string>,
  providerId: string,
  signal?: AbortSignal,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(url, { headers, signal });
  } catch (error) {
    throw networkError(providerId, error);
  }
  if (!response.ok) {
    const details = readErrorBody(response.status, await response.text());
    throw providerHttpError(providerId, response.status, details.message, details.code, response.headers.get('retry-after'));
  }
  return response.json();
}
