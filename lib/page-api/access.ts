import * as z from 'zod/mini';
import type { KeyValueStore } from '../platform/key-value-store';
import { ONCE_KEY, PENDING_KEY, PERMISSIONS_KEY, PagePermissions, PendingAccess, type PagePermission } from './protocol';

export type AccessCheck =
  { ok: true; model: string | null; costCap: number | null } | { ok: false; code: 'permission_required' | 'permission_denied'; message: string };

type OnceGrants = Record<string, { tabIds: number[]; model: string | null; costCap: number | null }>;

/**
 * Which web pages may use Switchyard: decisions per origin ("always" and "deny" kept, "once"
 * for the asking tab until the browser closes) and the requests waiting for the user.
 */
export class PageAccess {
  constructor(
    private readonly local: KeyValueStore,
    private readonly session: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  async permissions(): Promise<Record<string, PagePermission>> {
    return z.catch(PagePermissions, {}).parse((await this.local.get(PERMISSIONS_KEY)) ?? {});
  }

  async pending(): Promise<PendingAccess[]> {
    const parsed = z.array(PendingAccess).safeParse((await this.session.get(PENDING_KEY)) ?? []);
    return parsed.success ? parsed.data : [];
  }

  private async once(): Promise<OnceGrants> {
    return ((await this.session.get(ONCE_KEY)) as OnceGrants | undefined) ?? {};
  }

  async check(origin: string, tabId: number | undefined): Promise<AccessCheck> {
    const standing = (await this.permissions())[origin];
    if (standing?.decision === 'deny')
      return { ok: false, code: 'permission_denied', message: `You declined to let ${origin} use Switchyard. Change it in Switchyard's options.` };
    if (standing?.decision === 'always') return { ok: true, model: standing.model, costCap: standing.costCap };
    const once = (await this.once())[origin];
    if (once && tabId !== undefined && once.tabIds.includes(tabId)) return { ok: true, model: once.model, costCap: once.costCap };
    return {
      ok: false,
      code: 'permission_required',
      message: `${origin} asks to use your models through Switchyard. Open Switchyard (toolbar icon or side panel) to allow or deny it, then try again.`,
    };
  }

  /** Records a request for the user to decide on (one per origin). */
  async ask(origin: string, tabId: number | undefined, model: string | null): Promise<void> {
    const list = (await this.pending()).filter((p) => p.origin !== origin);
    list.push({ origin, ...(tabId !== undefined ? { tabId } : {}), model, requestedAt: this.now() });
    await this.session.set(PENDING_KEY, list.slice(-20));
  }

  async decide(origin: string, decision: 'once' | 'always' | 'deny', model: string | null, costCap: number | null): Promise<void> {
    const pending = await this.pending();
    const asked = pending.find((p) => p.origin === origin);
    await this.session.set(
      PENDING_KEY,
      pending.filter((p) => p.origin !== origin),
    );
    if (decision === 'once') {
      const once = await this.once();
      const tabIds = [...(once[origin]?.tabIds ?? []), ...(asked?.tabId !== undefined ? [asked.tabId] : [])];
      await this.session.set(ONCE_KEY, { ...once, [origin]: { tabIds, model, costCap } });
      return;
    }
    const all = await this.permissions();
    await this.local.set(PERMISSIONS_KEY, { ...all, [origin]: { decision, model, costCap, decidedAt: this.now() } });
  }

  async revoke(origin: string): Promise<void> {
    const { [origin]: _removed, ...rest } = await this.permissions();
    await this.local.set(PERMISSIONS_KEY, rest);
    const { [origin]: _once, ...otherOnce } = await this.once();
    await this.session.set(ONCE_KEY, otherOnce);
  }
}
