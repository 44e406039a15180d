/**
 * Errors as the Messages API words them (https://docs.anthropic.com/en/api/errors):
 * `{ type: "error", error: { type, message } }`, the type following the status.
 */
export function anthropicErrorType(status: number): string {
  if (status === 400) return 'invalid_request_error';
  if (status === 401) return 'authentication_error';
  if (status === 402) return 'billing_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 503 || status === 529) return 'overloaded_error';
  if (status === 504) return 'timeout_error';
  return 'api_error';
}

/** The status an error of the gateway's own stream stands for, from its code. */
function statusOfCode(code: string | undefined): number {
  if (!code) return 500;
  if (/overloaded/.test(code)) return 529;
  if (/rate_limit/.test(code)) return 429;
  if (/timeout/.test(code)) return 504;
  if (/budget|quota/.test(code)) return 402;
  return 500;
}

export function anthropicError(status: number, message: string): { type: 'error'; error: { type: string; message: string } } {
  return { type: 'error', error: { type: anthropicErrorType(status), message } };
}

/** The gateway's OpenAI-shaped error answer, reworded for a Messages client with the same status. */
export async function toAnthropicErrorResponse(response: Response): Promise<Response> {
  const json = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
  const headers = new Headers(response.headers);
  headers.set('content-type', 'application/json');
  return new Response(JSON.stringify(anthropicError(response.status, json.error?.message ?? `The request failed (${response.status}).`)), { status: response.status, headers });
}

/** An error that ended the gateway's stream, as the Messages stream's error event. */
export function streamError(error: { code?: string; message: string }): { type: 'error'; error: { type: string; message: string } } {
  return anthropicError(statusOfCode(error.code), error.message);
}
