-- Whether a request's answer was streamed (1) or whole (0): output tokens per second are measured
-- over streamed answers only. Rows from before it have NULL.
ALTER TABLE ledger ADD COLUMN stream INTEGER;
