import '../validation/messages';
import * as z from 'zod/mini';
import { BudgetSettings } from '../budgets/settings';
import { ProviderSettings } from '../vault/schema';
import { RoutingSettings } from './routing';

/** A settings file: providers (keys only when the user chose to include them), routing, budgets. */
export const SettingsBackup = z.lazy(() =>
  z.object({
    switchyard: z.literal(1, { error: 'this is not a Switchyard settings file (no "switchyard": 1)' }),
    exportedAt: z.optional(z.string()),
    providers: z._default(z.array(z.extend(ProviderSettings, { apiKey: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))) })), []),
    routing: z._default(RoutingSettings, RoutingSettings.parse({})),
    budgets: z._default(BudgetSettings, BudgetSettings.parse({})),
  }),
);
export type SettingsBackup = z.infer<typeof SettingsBackup>;

/** The first problems of an invalid file, each with the path of the field, e.g. "providers[1].baseUrl". */
export function describeIssues(error: z.core.$ZodError, max = 5): string {
  return error.issues
    .slice(0, max)
    .map((issue) => {
      const path = issue.path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
      return `${path || 'file'}: ${issue.message}`;
    })
    .join('; ');
}

export function parseBackup(json: string): { ok: true; backup: SettingsBackup } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    return { ok: false, error: `The file is not valid JSON (${e instanceof Error ? e.message : String(e)}).` };
  }
  const parsed = SettingsBackup.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `Nothing was imported. ${describeIssues(parsed.error)}` };
  const ids = parsed.data.providers.map((p) => p.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) return { ok: false, error: `Nothing was imported. providers: the id "${duplicate}" appears twice.` };
  return { ok: true, backup: parsed.data };
}
