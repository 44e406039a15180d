-- Member keys: only a hash of each key is kept; the key itself is shown once, when it is made.
CREATE TABLE members (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  -- The key's last characters, so an admin can tell keys apart.
  key_hint TEXT NOT NULL,
  -- Budgets in USD per UTC day and month; NULL is no limit.
  daily_usd REAL,
  monthly_usd REAL,
  -- JSON array of model patterns the member may use: "*", "openai/*", "anthropic/claude-haiku-5-5".
  models TEXT NOT NULL DEFAULT '["*"]',
  -- Requests per minute; NULL is no limit.
  rpm INTEGER,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

-- One row per request of a member: written before anything is sent upstream (status
-- 'in_progress', holding the most the request can cost in `reserved`) and completed after.
CREATE TABLE ledger (
  id TEXT PRIMARY KEY,
  member_id TEXT NOT NULL REFERENCES members (id),
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  status TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  source TEXT,
  requested_model TEXT,
  model TEXT,
  provider TEXT,
  -- JSON: every provider and model tried, in order, with its outcome.
  attempts TEXT,
  prompt_tokens INTEGER NOT NULL DEFAULT 0,
  completion_tokens INTEGER NOT NULL DEFAULT 0,
  cost REAL NOT NULL DEFAULT 0,
  reserved REAL NOT NULL DEFAULT 0,
  ttft_ms REAL,
  total_ms REAL,
  error_code TEXT,
  error TEXT
);

CREATE INDEX ledger_member_time ON ledger (member_id, started_at);
CREATE INDEX ledger_time ON ledger (started_at);
