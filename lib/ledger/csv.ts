import type { LedgerDb, RequestRow } from './db';

const COLUMNS: [string, (row: RequestRow) => unknown][] = [
  ['id', (r) => r.id],
  ['started_at', (r) => new Date(r.startedAt).toISOString()],
  ['source', (r) => r.source],
  ['status', (r) => r.status],
  ['requested_model', (r) => r.requestedModel],
  ['model', (r) => r.model],
  ['provider', (r) => r.provider],
  ['prompt_tokens', (r) => r.promptTokens],
  ['completion_tokens', (r) => r.completionTokens],
  ['cached_tokens', (r) => r.cachedTokens],
  ['reasoning_tokens', (r) => r.reasoningTokens],
  ['usage_estimated', (r) => r.usageEstimated],
  ['cost_usd', (r) => r.cost.toFixed(8)],
  ['web_searches', (r) => r.webSearches ?? 0],
  ['search_cost_usd', (r) => (r.searchCost ?? 0).toFixed(8)],
  ['ttft_ms', (r) => r.ttftMs],
  ['total_ms', (r) => r.totalMs],
  ['stream', (r) => r.stream],
  ['fell_back', (r) => r.fellBack],
  ['attempts', (r) => r.attempts.map((a) => `${a.provider}/${a.model}:${a.status}${a.httpStatus ? ` ${a.httpStatus}` : ''}`).join(' > ')],
  ['error', (r) => r.error?.message ?? ''],
];

/** RFC 4180 quoting; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return COLUMNS.map(([name]) => name).join(',');
}

export function csvLine(row: RequestRow): string {
  return COLUMNS.map(([, get]) => csvCell(get(row))).join(',');
}

const LINES_PER_PART = 10_000;

/**
 * The whole ledger (or a time range) as a CSV file, oldest first, read in index order. It is built
 * from parts of ten thousand lines, so a ledger of millions of rows never becomes one huge string.
 */
export async function exportCsv(db: LedgerDb, from = 0, to = Number.MAX_SAFE_INTEGER): Promise<Blob> {
  const parts: string[] = [];
  let lines = [csvHeader()];
  await db.requests
    .where('startedAt')
    .between(from, to, true, true)
    .each((row) => {
      lines.push(csvLine(row));
      if (lines.length >= LINES_PER_PART) {
        parts.push(`${lines.join('\r\n')}\r\n`);
        lines = [];
      }
    });
  if (lines.length) parts.push(`${lines.join('\r\n')}\r\n`);
  return new Blob(parts, { type: 'text/csv' });
}
