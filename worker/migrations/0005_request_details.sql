-- Prompts and answers of requests, kept only when the team's config sets keepDetails (off by
-- default): the request as received, as each provider was sent it (no keys), and the answer,
-- as gzipped JSON with images as their size and hash. Dropped by the daily cron after their days.
CREATE TABLE request_details (
  id TEXT PRIMARY KEY,
  member_id TEXT NOT NULL REFERENCES members(id),
  started_at INTEGER NOT NULL,
  body BLOB NOT NULL
);
CREATE INDEX request_details_by_age ON request_details(started_at);
