-- Responses kept for store: true (OpenAI's default), so previous_response_id continues them and
-- GET /v1/responses/{id} reads them back; each belongs to one member, who alone may read it.
CREATE TABLE responses (
  id TEXT PRIMARY KEY,
  member_id TEXT NOT NULL REFERENCES members(id),
  created_at INTEGER NOT NULL,
  -- JSON: the input items the turn was answered from and the response object.
  body TEXT NOT NULL
);
CREATE INDEX responses_by_age ON responses(created_at);
