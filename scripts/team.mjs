// `npm run team`: the team gateway (worker/) on this machine, in workerd with a local D1, through
// wrangler: no Cloudflare account and no network needed. Secrets come from worker/.dev.vars.
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { ensureDependencies } from './setup.mjs';

ensureDependencies();
const vars = 'worker/.dev.vars';
if (!existsSync(vars)) {
  const adminKey = randomBytes(24).toString('base64url');
  writeFileSync(vars, `ADMIN_KEY=${adminKey}\n# The providers' keys, named as in SWITCHYARD_CONFIG (worker/wrangler.toml):\n# OPENAI_API_KEY=sk-...\n# ANTHROPIC_API_KEY=sk-ant-...\n`, { mode: 0o600 });
  console.log(`› Wrote ${vars} with a new admin key: ${adminKey}\n  Add your providers' keys there, then open http://127.0.0.1:8787/admin`);
}
// No telemetry, and no lookup of Cloudflare's request metadata (this runs offline).
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };
const wrangler = (...args) => spawnSync('npx', ['wrangler', ...args, '--config', 'worker/wrangler.toml'], { stdio: 'inherit', env });
const migrate = wrangler('d1', 'migrations', 'apply', 'DB', '--local');
if (migrate.status !== 0) process.exit(migrate.status ?? 1);
const dev = wrangler('dev', '--ip', '127.0.0.1', '--port', process.env.PORT ?? '8787');
process.exit(dev.status ?? 0);
