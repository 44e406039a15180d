/** The parts of workerd's Durable Object API the team gateway uses (the module exists only in workerd). */
declare module 'cloudflare:workers' {
  export interface DurableObjectStorage {
    get<T>(key: string): Promise<T | undefined>;
    get<T>(keys: string[]): Promise<Map<string, T>>;
    put(entries: Record<string, unknown>): Promise<void>;
    put(key: string, value: unknown): Promise<void>;
    delete(keys: string[]): Promise<number>;
    delete(key: string): Promise<boolean>;
    list<T>(options?: { prefix?: string; limit?: number }): Promise<Map<string, T>>;
    getAlarm(): Promise<number | null>;
    setAlarm(at: number): Promise<void>;
  }
  export interface DurableObjectState {
    storage: DurableObjectStorage;
    blockConcurrencyWhile<T>(callback: () => Promise<T>): Promise<T>;
  }
  export abstract class DurableObject<Env = unknown> {
    protected ctx: DurableObjectState;
    protected env: Env;
    constructor(ctx: DurableObjectState, env: Env);
  }
}
