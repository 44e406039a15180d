import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import OpenAI from 'openai';
import { spawnSync } from 'node:child_process';
import type { MockProvider } from '../mock-provider/server';
import type { MockEndpoints } from '../mock-provider/process';

export const ADMIN_KEY = 'admin-key-for-tests-only';
const MIGRATIONS = new URL('../../worker/migrations/', import.meta.url);

/** The Worker bundled by wrangler exactly as `wrangler deploy` would upload it (a dry run: no account, no network). */
function bundleWorker(outdir: string): string {
  const wrangler = new URL('../../node_modules/wrangler/bin/wrangler.js', import.meta.url).pathname;
  const config = new URL('../../worker/wrangler.toml', import.meta.url).pathname;
  const run = spawnSync(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', outdir, '--config', config], {
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
  if (run.status !== 0) throw new Error(`wrangler could not bundle the Worker:\n${run.stdout}\n${run.stderr}`);
  return join(outdir, 'index.js');
}

export interface TeamGateway<M extends MockEndpoints = MockProvider> {
  mf: Miniflare;
  /** Where `wrangler dev` would serve the Worker: through Miniflare's entry worker. */
  url: string;
  /** With `directSocket`: the Worker's own socket in workerd, as the edge runs it (no dev entry worker in front, nor Miniflare's outbound header stripper behind). */
  directUrl?: string;
  mock: M;
  /** The real openai SDK, pointed at the Worker with a member key. */
  client(key: string): OpenAI;
  admin(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  /** Makes a member through the admin API and returns its id and key. */
  addMember(input: Record<string, unknown>): Promise<{ id: string; key: string }>;
  sql<T = Record<string, unknown>>(query: string, ...values: unknown[]): Promise<T[]>;
  /** Restarts workerd, as a deploy or an eviction would: isolates and member objects start over, D1 and object storage stay. */
  restart(): Promise<void>;
}

export interface TeamGatewayOptions {
  directSocket?: boolean;
  /** Vars and secrets beside the test's own. */
  bindings?: Record<string, string>;
  /** Settings of SWITCHYARD_CONFIG beside its providers (keepDetails, timeouts, …). */
  config?: Record<string, unknown>;
}

/** The Worker in workerd (Miniflare) with a fresh D1, its OpenAI, Anthropic, OpenRouter and Gemini providers pointing at the mock provider. */
export async function startTeamGateway<M extends MockEndpoints = MockProvider>(
  mock: M,
  { directSocket = false, bindings = {}, config: extra = {} }: TeamGatewayOptions = {},
): Promise<TeamGateway<M> & { close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-worker-'));
  const script = bundleWorker(dir);
  const config = {
    providers: [
      { id: 'openai', keySecret: 'OPENAI_API_KEY', baseUrl: mock.baseUrl('openai') },
      { id: 'anthropic', keySecret: 'ANTHROPIC_API_KEY', baseUrl: mock.baseUrl('anthropic') },
      { id: 'openrouter', keySecret: 'OPENROUTER_API_KEY', baseUrl: mock.baseUrl('openai', 'openrouter') },
      { id: 'google', keySecret: 'GOOGLE_API_KEY', baseUrl: mock.baseUrl('gemini') },
    ],
    retry: { maxRetries: 0 },
    openRouterUrl: `${mock.url}/openrouter/api/v1/models`,
    ...extra,
  };
  const options = {
    modules: true,
    scriptPath: script,
    modulesRoot: dir,
    compatibilityDate: '2026-04-01',
    d1Databases: ['DB'],
    // As wrangler.toml binds them: one ledger object per member.
    durableObjects: { MEMBERS: { className: 'MemberLedger', useSQLite: true } },
    // The bench measures the Worker itself: Miniflare's dev-only hops (its entry worker, and the
    // worker that strips CF-Connecting-IP from outbound requests as the edge would) cost as much CPU
    // as the gateway. The gateway never forwards a client's headers, so the stripping changes nothing here.
    ...(directSocket ? { unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }], stripCfConnectingIp: false } : {}),
    // For profiling the Worker under load (Chrome DevTools, or the CDP Profiler domain): its isolates' inspector.
    ...(process.env.SWITCHYARD_INSPECTOR_PORT ? { inspectorPort: Number(process.env.SWITCHYARD_INSPECTOR_PORT) } : {}),
    bindings: { ADMIN_KEY, OPENAI_API_KEY: 'sk-test-openai', ANTHROPIC_API_KEY: 'sk-ant-test', OPENROUTER_API_KEY: 'sk-or-test', GOOGLE_API_KEY: 'AIza-test', SWITCHYARD_CONFIG: JSON.stringify(config), ...bindings },
  };
  const mf = new Miniflare(options);
  const trimmed = (u: URL) => u.href.replace(/\/$/, '');
  let url = trimmed(await mf.ready);
  let directUrl = directSocket ? trimmed(await mf.unsafeGetDirectURL()) : undefined;
  let db = await mf.getD1Database('DB');
  // The migrations in order, as `wrangler d1 migrations apply` runs them.
  for (const file of readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')).sort()) {
    for (const statement of readFileSync(new URL(file, MIGRATIONS), 'utf8').replace(/--.*$/gm, '').split(';').map((s) => s.trim()).filter(Boolean)) {
      await db.prepare(statement).run();
    }
  }
  const admin = (path: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  return {
    mf,
    get url() {
      return url;
    },
    get directUrl() {
      return directUrl;
    },
    mock,
    async restart() {
      // workerd restarts with the same options: every isolate and object starts over, storage stays.
      await mf.setOptions(options);
      url = trimmed(await mf.ready);
      directUrl = directSocket ? trimmed(await mf.unsafeGetDirectURL()) : undefined;
      db = await mf.getD1Database('DB');
    },
    client: (key: string) => new OpenAI({ baseURL: `${url}/v1`, apiKey: key, maxRetries: 0 }),
    admin,
    async addMember(input: Record<string, unknown>) {
      const res = await admin('/admin/members', { body: input });
      if (res.status !== 201) throw new Error(`admin: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { data: { id: string }; key: string };
      return { id: body.data.id, key: body.key };
    },
    async sql<T>(query: string, ...values: unknown[]) {
      // The member objects write their rows to D1 in batches: have them write what they keep first.
      const flushed = await admin('/admin/ledger/flush', { method: 'POST' });
      if (flushed.status !== 200) throw new Error(`flush: ${flushed.status} ${await flushed.text()}`);
      return (await db.prepare(query).bind(...values).all()).results as T[];
    },
    async close() {
      await mf.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
