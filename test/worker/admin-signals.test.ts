import { describe, expect, it } from 'vitest';
import { useTeamGateway } from '../support/use-team-gateway';

const team = useTeamGateway();

/** The nearest-rank percentile, as a person takes it: sort, count, pick. */
const byHand = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.ceil((p / 100) * values.length) - 1]!;

describe('the admin API’s signals and request log', () => {
  it('gives per model the exact p50 and p95 of the ledger’s rows, errors, fallbacks and tokens per second; and a member’s latest requests', async () => {
    const { id } = await team.addMember({ name: 'Signal', budget: { daily: 100 } });
    const now = Date.now();
    const ttfts = Array.from({ length: 37 }, (_, i) => 100 + ((i * 53) % 37) * 20);
    const totals = ttfts.map((t, i) => t + 300 + ((i * 11) % 7) * 100);
    const insert = (rowId: string, at: number, model: string, status: string, ttft: number | null, total: number, attempts: unknown[], completion = 50) =>
      team.sql(
        `INSERT INTO ledger (id, member_id, started_at, ended_at, status, endpoint, requested_model, model, provider, attempts, prompt_tokens, completion_tokens, cost, ttft_ms, total_ms, error_code, stream)
         VALUES (?1, ?2, ?3, ?4, ?5, 'chat', ?6, ?6, 'lab', ?7, 10, ?8, 0.001, ?9, ?10, ?11, 1)`,
        rowId,
        id,
        at,
        at + total,
        status,
        model,
        JSON.stringify(attempts),
        completion,
        ttft,
        total,
        status === 'error' ? 'provider_overloaded' : null,
      );
    for (const [i, ttft] of ttfts.entries()) {
      const fellBack = i % 9 === 0;
      const attempts = fellBack ? [{ provider: 'other', model: 'x', status: 'error' }, { provider: 'lab', model: 'm', status: 'ok' }] : [{ provider: 'lab', model: 'm', status: 'ok' }];
      await insert(`sig-${i}`, now - 60_000 - i * 1000, 'lab/measured', 'ok', ttft, totals[i]!, attempts);
    }
    for (let i = 0; i < 3; i++) await insert(`sig-err-${i}`, now - 30_000 - i, 'lab/measured', 'error', null, 900, [{ provider: 'lab', model: 'm', status: 'error' }], 0);

    const response = await team.admin(`/admin/signals?from=${now - 3_600_000}&to=${now + 1}`);
    expect(response.status).toBe(200);
    const { models } = (await response.json()) as { models: { model: string; requests: number; errors: number; fellBack: number; ttftP50: number; ttftP95: number; totalP50: number; totalP95: number; tokensPerSecond: number }[] };
    const measured = models.find((m) => m.model === 'lab/measured')!;
    expect(measured).toMatchObject({
      requests: 40,
      errors: 3,
      fellBack: ttfts.filter((_, i) => i % 9 === 0).length,
      ttftP50: byHand(ttfts, 50),
      ttftP95: byHand(ttfts, 95),
      totalP50: byHand(totals, 50),
      totalP95: byHand(totals, 95),
    });
    const streaming = totals.reduce((sum, t, i) => sum + t - ttfts[i]!, 0);
    expect(measured.tokensPerSecond).toBeCloseTo((50 * ttfts.length) / (streaming / 1000), 6);

    const log = await team.admin(`/admin/members/${id}/requests?limit=5`);
    const { data } = (await log.json()) as { data: { id: string; status: string; errorCode: string | null; attempts: number }[] };
    expect(data.map((r) => r.id)).toEqual(['sig-err-0', 'sig-err-1', 'sig-err-2', 'sig-0', 'sig-1']);
    expect(data[0]).toMatchObject({ status: 'error', errorCode: 'provider_overloaded', attempts: 1 });
    expect(data[3]).toMatchObject({ status: 'ok', attempts: 2 });
  }, 60_000);
});
