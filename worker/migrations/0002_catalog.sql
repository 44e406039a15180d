-- The team's refreshed model catalog (OpenRouter's list and each provider's own), one row: the
-- bundled catalog it was built on (its SOURCE_DATE), the snapshot as JSON, and when it was made.
CREATE TABLE catalog (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  base TEXT NOT NULL,
  json TEXT NOT NULL,
  refreshed_at INTEGER NOT NULL
);
