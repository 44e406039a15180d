import type { MemberLedger } from './member-ledger';
import type { OtlpEnv } from './otlp-config';

/** The parts of Cloudflare's D1 and Workers APIs the team gateway uses (D1 speaks SQLite). */
export interface D1Result<T = Record<string, unknown>> {
  results: T[];
  meta: { changes: number };
}

export interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  run(): Promise<D1Result>;
  all<T = Record<string, unknown>>(): Promise<D1Result<T>>;
  first<T = Record<string, unknown>>(): Promise<T | null>;
}

export interface D1Database {
  prepare(sql: string): D1PreparedStatement;
  batch(statements: D1PreparedStatement[]): Promise<D1Result[]>;
}

export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** A Durable Object namespace: one object per name, reached through its stub's methods. */
export interface DurableObjectNamespace<Stub> {
  idFromName(name: string): unknown;
  get(id: unknown): Stub;
}

/** The Worker's bindings: the D1 database, the members' ledger objects, the admin key and provider keys (secrets), and the routing config (a var). */
export interface Env extends OtlpEnv {
  DB: D1Database;
  /** One MemberLedger (./member-ledger.ts) per member: its limits, running totals and unwritten rows. */
  MEMBERS: DurableObjectNamespace<MemberLedgerStub>;
  /** Who may create, list and revoke member keys and read the spend (a secret). */
  ADMIN_KEY?: string;
  /** The team's providers and routing, as JSON (see worker/src/config.ts). */
  SWITCHYARD_CONFIG?: string;
  /** Provider keys, each a secret named by the config (OPENAI_API_KEY, …). */
  [secret: string]: unknown;
}

/** The server end of a WebSocket the Worker accepted (workerd's WebSocketPair). */
export interface ServerWebSocket {
  accept(): void;
  send(message: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: string | ArrayBuffer }) => void): void;
  addEventListener(type: 'close' | 'error', listener: () => void): void;
}

/** A member object's methods, as a stub calls them (each answers a promise). */
export type MemberLedgerStub = Pick<MemberLedger, 'admit' | 'complete' | 'refused' | 'usage' | 'setLimits' | 'flush'>;
