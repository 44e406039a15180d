import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';

/**
 * The published schemas the gateway's answers are judged by, kept as fixtures by
 * scripts/vendor-schemas.mjs: OpenAI's OpenAPI document (openai/openai-openapi) and Open
 * Responses' (openresponses/openresponses). Each fixture names the commit it was taken from.
 */
type Source = 'openai' | 'open-responses';

interface Fixture {
  source: { repository: string; commit: string; version: string };
  streamEvents?: string[];
  schemas: Record<string, unknown>;
}

const fixture = (source: Source) => JSON.parse(readFileSync(new URL(`../fixtures/schemas/${source}.json`, import.meta.url), 'utf8')) as Fixture;

/** OpenAPI 3.0's `nullable: true`, left in parts of OpenAI's 3.1 document, read as "or null". */
function nullableAsNull(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nullableAsNull);
  if (!value || typeof value !== 'object') return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const inner = Object.fromEntries(Object.entries(rest).map(([key, item]) => [key, nullableAsNull(item)]));
  if (nullable !== true) return inner;
  if (typeof inner.type === 'string' && !inner.enum) return { ...inner, type: [inner.type, 'null'] };
  return { anyOf: [inner, { type: 'null' }] };
}

const validators = new Map<Source, { ajv: Ajv2020; fixture: Fixture }>();

function load(source: Source) {
  let loaded = validators.get(source);
  if (!loaded) {
    const data = fixture(source);
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: `${source}.json`, components: { schemas: nullableAsNull(data.schemas) } });
    loaded = { ajv, fixture: data };
    validators.set(source, loaded);
  }
  return loaded;
}

function compiled(source: Source, name: string): ValidateFunction {
  const { ajv } = load(source);
  const id = `${source}.json#/components/schemas/${name}`;
  const validate = ajv.getSchema(id);
  if (!validate) throw new Error(`${source} has no schema ${name}`);
  return validate;
}

/** Where `value` departs from the named schema: one line per departure, none when it conforms. */
export function departures(source: Source, name: string, value: unknown): string[] {
  const validate = compiled(source, name);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${name}${e.instancePath || ''} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

/** A stream event of a Responses stream against the spec's event union: the event schema named by its type. */
export function eventDepartures(source: Source, event: Record<string, unknown>): string[] {
  const { fixture: data } = load(source);
  const union = data.streamEvents ?? ((data.schemas.ResponseStreamEvent as { anyOf?: { $ref: string }[]; oneOf?: { $ref: string }[] }).anyOf ?? (data.schemas.ResponseStreamEvent as { oneOf: { $ref: string }[] }).oneOf).map((ref) => ref.$ref.split('/').pop()!);
  const matching = union.filter((name) => {
    const schema = data.schemas[name] as { properties?: { type?: { enum?: string[]; const?: string } } };
    const type = schema.properties?.type;
    return type?.enum?.includes(String(event.type)) || type?.const === event.type;
  });
  if (matching.length === 0) return [`${String(event.type)} is not an event ${data.source.repository} streams`];
  const failures = matching.map((name) => departures(source, name, event));
  return failures.some((f) => f.length === 0) ? [] : failures.flat();
}

export const schemaSource = (source: Source) => load(source).fixture.source;
