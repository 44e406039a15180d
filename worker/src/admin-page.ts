/**
 * The admin page: spend per member and per model for a period, members made and revoked. Plain
 * HTML and one script file, so the Worker serves it with a strict Content-Security-Policy; the
 * admin key stays in this tab's sessionStorage and goes only to this Worker's /admin API.
 */
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Switchyard team gateway</title>
<link rel="stylesheet" href="/admin/app.css">
</head>
<body>
<header><h1>Switchyard team gateway</h1><p class="muted">Spend and member keys, from this gateway's D1 ledger.</p></header>
<main>
<form id="login" class="card" aria-labelledby="login-title">
  <h2 id="login-title">Admin key</h2>
  <label for="admin-key">The ADMIN_KEY secret of this Worker</label>
  <div class="row"><input id="admin-key" type="password" autocomplete="current-password" required><button type="submit">Open</button></div>
  <p id="login-error" class="error" role="alert"></p>
</form>
<div id="app" hidden>
  <section class="card" aria-labelledby="spend-title">
    <div class="row spread">
      <h2 id="spend-title">Spend</h2>
      <form id="period" class="row">
        <label>From <input id="from" type="date" required></label>
        <label>To <input id="to" type="date" required></label>
        <button type="submit">Show</button>
      </form>
    </div>
    <p id="total" class="total"></p>
    <h3>Per member</h3>
    <table id="members"><thead><tr><th scope="col">Member</th><th scope="col" class="num">Requests</th><th scope="col" class="num">Cost in period</th><th scope="col" class="num">Today</th><th scope="col" class="num">This month</th><th scope="col">Budget (day / month)</th><th scope="col">Models</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody></tbody></table>
    <h3>Per model</h3>
    <table id="models"><thead><tr><th scope="col">Model</th><th scope="col" class="num">Requests</th><th scope="col" class="num">Cost</th></tr></thead><tbody></tbody></table>
    <h3 id="signals-title">Speed and errors per model</h3>
    <table id="signals" aria-labelledby="signals-title"><thead><tr><th scope="col">Model</th><th scope="col" class="num">Requests</th><th scope="col" class="num">First token p50 / p95</th><th scope="col" class="num">Total p50 / p95</th><th scope="col" class="num">Tokens/s</th><th scope="col" class="num">Errors</th><th scope="col" class="num">Fell back</th></tr></thead><tbody></tbody></table>
  </section>
  <section class="card" id="log" aria-labelledby="log-title" hidden>
    <h2 id="log-title">Requests</h2>
    <p class="muted">The latest 50: what was asked of which model, when, its outcome and cost. Prompts and answers are kept only when the config's keepDetails is set, for its days.</p>
    <table id="requests"><thead><tr><th scope="col">When</th><th scope="col">Model</th><th scope="col">Provider</th><th scope="col">Status</th><th scope="col" class="num">Tokens</th><th scope="col" class="num">Cost</th><th scope="col" class="num">First token</th><th scope="col" class="num">Attempts</th><th scope="col"><span class="visually-hidden">Details</span></th></tr></thead><tbody></tbody></table>
    <div id="request-details" class="details" hidden>
      <h3 id="request-details-title" tabindex="-1"></h3>
      <div id="request-details-body"></div>
    </div>
  </section>
  <section class="card" aria-labelledby="catalog-title">
    <div class="row spread">
      <h2 id="catalog-title">Models and prices</h2>
      <button type="button" id="refresh-catalog">Refresh now</button>
    </div>
    <p id="catalog" class="muted" role="status"></p>
  </section>
  <section class="card" aria-labelledby="add-title">
    <h2 id="add-title">Add a member</h2>
    <form id="add" class="grid">
      <label>Name <input name="name" required maxlength="100"></label>
      <label>Daily budget (USD) <input name="daily" type="number" min="0.000001" step="any" placeholder="no limit"></label>
      <label>Monthly budget (USD) <input name="monthly" type="number" min="0.000001" step="any" placeholder="no limit"></label>
      <label>Models <input name="models" placeholder="* (all), or openai/*, anthropic/claude-haiku-5-5"></label>
      <label>Requests a minute <input name="rpm" type="number" min="1" step="1" placeholder="no limit"></label>
      <button type="submit">Add member</button>
    </form>
    <p id="add-error" class="error" role="alert"></p>
    <div id="new-key" class="new-key" hidden role="status">
      <p>The key of <strong id="new-key-name"></strong>, shown this once: give it to them now.</p>
      <div class="row"><code id="new-key-value"></code><button type="button" id="copy-key">Copy</button></div>
    </div>
  </section>
</div>
</main>
<script src="/admin/app.js" type="module"></script>
</body>
</html>`;

const STYLE = `:root{color-scheme:light dark;font-family:system-ui,sans-serif;--line:#8884;--muted:#777;--accent:#2563eb;--bad:#b91c1c}
body{margin:0 auto;max-width:1100px;padding:1rem 1.5rem}h1{margin:.2rem 0}h2{margin:0 0 .6rem}h3{margin:1.2rem 0 .4rem;font-size:1rem}
.muted{color:var(--muted)}.card{border:1px solid var(--line);border-radius:10px;padding:1rem 1.2rem;margin:1rem 0}
.row{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}.spread{justify-content:space-between}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:.7rem;align-items:end}.grid label,.card>label{display:flex;flex-direction:column;gap:.25rem;font-size:.9rem}
input{font:inherit;padding:.4rem .5rem;border:1px solid var(--line);border-radius:6px;background:transparent;color:inherit}
button{font:inherit;padding:.45rem .9rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer}
button.quiet{background:transparent;color:var(--bad);border-color:var(--bad)}button.plain{color:var(--accent);border-color:var(--accent);margin-right:.4rem}button:focus-visible,input:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
table{width:100%;border-collapse:collapse;font-size:.92rem}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line)}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.revoked td{color:var(--muted)}.total{font-size:1.1rem}.error{color:var(--bad);min-height:1.2em}
.new-key{border:1px solid var(--accent);border-radius:8px;padding:.6rem .8rem}code{font-size:.95rem;word-break:break-all}
.details{border-top:1px solid var(--line);margin-top:1rem}pre{white-space:pre-wrap;word-break:break-word;max-height:24rem;overflow:auto;border:1px solid var(--line);border-radius:6px;padding:.5rem;font-size:.85rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}`;

const SCRIPT = `const $ = (id) => document.getElementById(id);
const usd = (n) => n === null || n === undefined ? 'no limit' : '$' + (n < 0.01 && n > 0 ? String(+n.toPrecision(2)) : n.toFixed(2));
const day = (ms) => new Date(ms).toISOString().slice(0, 10);
let key = sessionStorage.getItem('switchyard-admin-key') || '';

async function api(path, init = {}) {
  const res = await fetch(path, { ...init, headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json' } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error?.message || res.statusText);
  return body;
}

const ms = (n) => n === null || n === undefined ? '—' : n < 1000 ? Math.round(n) + ' ms' : (n / 1000).toFixed(1) + ' s';
const pct = (part, whole) => whole ? (100 * part / whole).toFixed(1) + '%' : '—';
function cell(text, cls) { const td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; return td; }

async function load() {
  const from = Date.parse($('from').value), to = Date.parse($('to').value) + 86400000;
  const [spend, members, signals] = await Promise.all([api('/admin/spend?from=' + from + '&to=' + to), api('/admin/members'), api('/admin/signals?from=' + from + '&to=' + to)]);
  const byId = new Map(members.data.map((m) => [m.id, m]));
  $('total').textContent = spend.total.requests + ' requests, ' + usd(spend.total.cost) + ' from ' + day(from) + ' to ' + day(to - 86400000);
  const rows = spend.members.map((s) => {
    const m = byId.get(s.id), tr = document.createElement('tr');
    tr.dataset.member = s.id;
    if (s.revoked) tr.className = 'revoked';
    const name = cell(s.name + (s.revoked ? ' (revoked)' : ''));
    const hint = document.createElement('div'); hint.className = 'muted'; hint.textContent = '…' + m.keyHint; name.append(hint);
    tr.append(name, cell(String(s.requests), 'num'), cell(usd(s.cost), 'num'), cell(usd(s.today), 'num'), cell(usd(s.month), 'num'),
      cell(usd(m.budget.daily) + ' / ' + usd(m.budget.monthly)), cell(m.models.join(', ')));
    const actions = document.createElement('td');
    const log = document.createElement('button'); log.className = 'quiet plain'; log.textContent = 'Requests';
    log.setAttribute('aria-label', 'The requests of ' + s.name);
    log.onclick = () => showRequests(s.id, s.name).catch((err) => alert(err.message));
    actions.append(log);
    if (!s.revoked) {
      const b = document.createElement('button'); b.className = 'quiet'; b.textContent = 'Revoke';
      b.setAttribute('aria-label', 'Revoke the key of ' + s.name);
      b.onclick = async () => { if (confirm('Revoke the key of ' + s.name + '? It stops working at once.')) { await api('/admin/members/' + s.id, { method: 'DELETE' }); await load(); } };
      actions.append(b);
    }
    tr.append(actions);
    return tr;
  });
  $('members').tBodies[0].replaceChildren(...rows);
  $('signals').tBodies[0].replaceChildren(...signals.models.map((m) => { const tr = document.createElement('tr'); tr.dataset.model = m.model;
    tr.append(cell(m.model), cell(String(m.requests), 'num'), cell(ms(m.ttftP50) + ' / ' + ms(m.ttftP95), 'num'), cell(ms(m.totalP50) + ' / ' + ms(m.totalP95), 'num'),
      cell(m.tokensPerSecond === null ? '—' : String(Math.round(m.tokensPerSecond)), 'num'), cell(pct(m.errors, m.requests), 'num'), cell(pct(m.fellBack, m.requests), 'num')); return tr; }));
  $('models').tBodies[0].replaceChildren(...spend.models.map((m) => { const tr = document.createElement('tr'); tr.append(cell(m.model), cell(String(m.requests), 'num'), cell(usd(m.cost), 'num')); return tr; }));
}

async function showRequests(id, name) {
  const { data } = await api('/admin/members/' + encodeURIComponent(id) + '/requests');
  $('log-title').textContent = 'Requests of ' + name;
  $('requests').tBodies[0].replaceChildren(...data.map((r) => { const tr = document.createElement('tr'); tr.dataset.status = r.status;
    tr.append(cell(new Date(r.startedAt).toLocaleString()), cell(r.model || '—'), cell(r.provider || '—'), cell(r.status + (r.errorCode ? ' (' + r.errorCode + ')' : '')),
      cell(r.promptTokens + ' → ' + r.completionTokens, 'num'), cell(usd(r.cost), 'num'), cell(ms(r.ttftMs), 'num'), cell(String(r.attempts), 'num'));
    const more = document.createElement('td');
    if (r.details) {
      const b = document.createElement('button'); b.className = 'quiet plain'; b.textContent = 'Details';
      b.setAttribute('aria-label', 'Prompt and answer of the request at ' + new Date(r.startedAt).toLocaleString());
      b.onclick = () => showDetails(r).catch((err) => alert(err.message));
      more.append(b);
    }
    tr.append(more); return tr; }));
  $('request-details').hidden = true;
  $('log').hidden = false;
  $('log').scrollIntoView();
}

function block(title, text) {
  const part = document.createElement('section'), h = document.createElement('h4'), pre = document.createElement('pre');
  h.textContent = title; pre.textContent = text; part.append(h, pre); return part;
}
const json = (v) => JSON.stringify(v, null, 2);
const pretty = (body) => { try { return json(JSON.parse(body)); } catch { return body ?? ''; } };

/** What was asked, what each provider was sent (keys hidden) and answered, and the answer. */
async function showDetails(r) {
  const { data } = await api('/admin/requests/' + encodeURIComponent(r.id) + '/details');
  const parts = [block('Received', json(data.received))];
  data.exchanges.forEach((x, i) => {
    if (!x) return;
    parts.push(block('Attempt ' + (i + 1) + ': ' + x.sent.method + ' ' + x.sent.url, json(x.sent.headers) + '\\n\\n' + pretty(x.sent.body)));
    if (x.errorBody !== undefined) parts.push(block('Attempt ' + (i + 1) + ' answered ' + x.status, pretty(x.errorBody)));
  });
  if (data.answer) {
    parts.push(block('Answer', data.answer.text));
    if (data.answer.reasoning) parts.push(block('Reasoning', data.answer.reasoning));
    if (data.answer.toolCalls && data.answer.toolCalls.length) parts.push(block('Tool calls', json(data.answer.toolCalls)));
  }
  $('request-details-title').textContent = 'Request ' + r.id + ' (' + (r.model || r.status) + ')';
  $('request-details-body').replaceChildren(...parts);
  $('request-details').hidden = false;
  $('request-details-title').focus();
}

async function loadCatalog() {
  const c = await api('/admin/catalog');
  $('catalog').textContent = c.models + ' models, prices as of ' + c.sourceDate + '. Refreshed daily from OpenRouter and each provider.';
}

async function open() {
  try { await Promise.all([load(), loadCatalog()]); $('login').hidden = true; $('app').hidden = false; sessionStorage.setItem('switchyard-admin-key', key); }
  catch (e) { $('login-error').textContent = e.message; }
}

const now = new Date();
$('from').value = day(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
$('to').value = day(now.getTime());
$('login').onsubmit = (e) => { e.preventDefault(); key = $('admin-key').value.trim(); open(); };
$('period').onsubmit = (e) => { e.preventDefault(); load().catch((err) => alert(err.message)); };
$('add').onsubmit = async (e) => {
  e.preventDefault();
  const f = new FormData(e.target), num = (n) => (f.get(n) ? Number(f.get(n)) : null);
  const models = String(f.get('models') || '').split(',').map((s) => s.trim()).filter(Boolean);
  try {
    const made = await api('/admin/members', { method: 'POST', body: JSON.stringify({ name: f.get('name'), budget: { daily: num('daily'), monthly: num('monthly') }, rpm: num('rpm'), ...(models.length ? { models } : {}) }) });
    $('new-key-name').textContent = made.data.name; $('new-key-value').textContent = made.key; $('new-key').hidden = false; $('add-error').textContent = '';
    e.target.reset(); await load();
  } catch (err) { $('add-error').textContent = err.message; }
};
$('copy-key').onclick = () => navigator.clipboard.writeText($('new-key-value').textContent);
$('refresh-catalog').onclick = async () => {
  $('refresh-catalog').disabled = true; $('catalog').textContent = 'Refreshing…';
  try {
    const r = await api('/admin/catalog/refresh', { method: 'POST' });
    const failed = r.sources.filter((s) => !s.ok).map((s) => s.source + ': ' + s.detail);
    await loadCatalog();
    if (failed.length) $('catalog').textContent += ' Not reached: ' + failed.join('; ');
  } catch (err) { $('catalog').textContent = err.message; }
  $('refresh-catalog').disabled = false;
};
if (key) open();
`;

const SECURITY = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** The page and its two files, or undefined for any other path. */
export function adminAsset(path: string): Response | undefined {
  const [body, type] =
    path === '/admin' ? [PAGE, 'text/html; charset=utf-8'] : path === '/admin/app.js' ? [SCRIPT, 'text/javascript; charset=utf-8'] : path === '/admin/app.css' ? [STYLE, 'text/css; charset=utf-8'] : [];
  return body ? new Response(body, { headers: { 'content-type': type!, ...SECURITY } }) : undefined;
}
