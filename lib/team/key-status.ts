import * as z from 'zod/mini';
import { getProviderJson } from '../gateway/providers/shared/http';
import type { ProviderConfig } from '../gateway/providers/types';

const Limits = () => z.object({ daily: z.nullable(z.number()), monthly: z.nullable(z.number()) });
const Amounts = () => z.object({ day: z.nullable(z.number()), month: z.nullable(z.number()) });

/** What a team gateway's GET /v1/key answers about the member's key (worker/src/member-api.ts). */
const KeyStatus = z.lazy(() =>
  z.object({
    data: z.object({
      name: z.string(),
      budget: Limits(),
      spent: z.object({ day: z.number(), month: z.number() }),
      remaining: Amounts(),
    }),
  }),
);

/** One team gateway's budget for this member, as the popup shows it; `error` when it could not be asked. */
export const TeamBudget = z.lazy(() =>
  z.object({
    provider: z.string(),
    name: z.string(),
    member: z.optional(z.string()),
    budget: z.optional(Limits()),
    spent: z.optional(z.object({ day: z.number(), month: z.number() })),
    remaining: z.optional(Amounts()),
    error: z.optional(z.string()),
  }),
);
export type TeamBudget = z.infer<typeof TeamBudget>;

/** Asks a team gateway what is left of this member's budgets; an unreachable or odd gateway gives an error line, not a throw. */
export async function teamBudget(provider: ProviderConfig & { name: string }, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<TeamBudget> {
  try {
    const json = await getProviderJson(fetchImpl, `${provider.baseUrl.replace(/\/+$/, '')}/key`, { authorization: `Bearer ${provider.apiKey ?? ''}` }, provider.id, signal);
    const parsed = KeyStatus.safeParse(json);
    if (!parsed.success) return { provider: provider.id, name: provider.name, error: 'The team gateway answered in a form Switchyard does not know.' };
    const { name, budget, spent, remaining } = parsed.data.data;
    return { provider: provider.id, name: provider.name, member: name, budget, spent, remaining };
  } catch (error) {
    return { provider: provider.id, name: provider.name, error: error instanceof Error ? error.message : String(error) };
  }
}
