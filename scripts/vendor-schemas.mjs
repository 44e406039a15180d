#!/usr/bin/env node
/**
 * Takes the schemas the gateway's answers are judged by out of the published OpenAPI documents
 * and keeps them as test fixtures: each named schema with every schema it refers to, without the
 * documents' prose (descriptions, examples, titles), which the tests do not need.
 *
 *   node scripts/vendor-schemas.mjs open-responses <openresponses checkout> <commit>
 *   node scripts/vendor-schemas.mjs openai <openai-openapi checkout> <commit>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = {
  'open-responses': {
    repository: 'openresponses/openresponses',
    path: 'public/openapi/openapi.json',
    roots: ['ResponseResource', 'CompactResource', 'WebSocketResponseCreateEvent', 'WebSocketErrorEvent', 'CreateResponseBody'],
    /** The union of stream events POST /responses answers with, as the document's path lists it. */
    streamEvents: (doc) => doc.paths['/responses'].post.responses['200'].content['text/event-stream'].schema.oneOf.map((ref) => ref.$ref.split('/').pop()),
  },
  openai: {
    repository: 'openai/openai-openapi',
    path: 'openapi.json',
    roots: ['CreateChatCompletionResponse', 'CreateChatCompletionStreamResponse', 'ErrorResponse', 'Response', 'ResponseStreamEvent', 'CreateEmbeddingResponse', 'CompactResource', 'ResponseItemList'],
  },
};

const PROSE = new Set(['description', 'x-enumDescriptions', 'example', 'examples', 'title', 'x-oaiMeta', 'x-stainless-const', 'deprecated', 'x-openresponses-added-in']);

const [which, checkout, commit] = process.argv.slice(2);
const source = SOURCES[which];
if (!source || !checkout || !commit) {
  console.error('usage: node scripts/vendor-schemas.mjs <open-responses|openai> <checkout> <commit>');
  process.exit(1);
}
const doc = JSON.parse(readFileSync(join(checkout, source.path), 'utf8'));
const all = doc.components.schemas;
const streamEvents = source.streamEvents?.(doc) ?? [];

const kept = {};
const queue = [...source.roots, ...streamEvents];
while (queue.length) {
  const name = queue.pop();
  if (kept[name]) continue;
  if (!all[name]) throw new Error(`${source.path} has no schema ${name}`);
  kept[name] = all[name];
  JSON.stringify(all[name], (key, value) => {
    if (key === '$ref' && typeof value === 'string') queue.push(value.split('/').pop());
    return value;
  });
}
const sorted = Object.fromEntries(Object.keys(kept).sort().map((name) => [name, kept[name]]));
const out = {
  source: { repository: source.repository, path: source.path, commit, version: doc.info.version },
  ...(streamEvents.length ? { streamEvents } : {}),
  schemas: sorted,
};
/** The schema without prose; a property that happens to be called `description` stays. */
function withoutProse(value, inProperties = false) {
  if (Array.isArray(value)) return value.map((item) => withoutProse(item));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([key]) => inProperties || !PROSE.has(key));
  return Object.fromEntries(entries.map(([key, item]) => [key, withoutProse(item, !inProperties && key === 'properties')]));
}
const text = JSON.stringify({ ...out, schemas: withoutProse(out.schemas) });
const file = new URL(`../test/fixtures/schemas/${which}.json`, import.meta.url);
writeFileSync(file, `${text}\n`);
console.log(`${Object.keys(sorted).length} schemas from ${source.repository}@${commit.slice(0, 12)} (${doc.info.version}) → ${file.pathname}`);
