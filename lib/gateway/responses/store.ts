/**
 * Responses kept for `store: true`: what `previous_response_id` continues from, and what
 * GET/DELETE /responses/{id} and its input_items read. Each belongs to one owner (a team member,
 * or the extension's user); no owner ever reads or continues another's. The Worker keeps them in
 * D1, a Node process may keep them in memory.
 */
export interface StoredResponse {
  id: string;
  owner: string;
  /** Unix seconds. */
  createdAt: number;
  /** Every input item the turn was answered from, its predecessors' included, each with an id. */
  input: Record<string, unknown>[];
  /** The response object as it was answered. */
  response: Record<string, unknown> & { output: Record<string, unknown>[] };
}

export interface ResponseStore {
  get(id: string, owner: string): Promise<StoredResponse | undefined>;
  put(record: StoredResponse): Promise<void>;
  /** Whether there was one to delete. */
  delete(id: string, owner: string): Promise<boolean>;
}

/** A store in this process's memory, holding the newest `limit` responses. */
export function memoryResponseStore(limit = 1_000): ResponseStore {
  const records = new Map<string, StoredResponse>();
  return {
    async get(id, owner) {
      const record = records.get(id);
      return record?.owner === owner ? structuredClone(record) : undefined;
    },
    async put(record) {
      records.delete(record.id);
      records.set(record.id, structuredClone(record));
      while (records.size > limit) records.delete(records.keys().next().value!);
    },
    async delete(id, owner) {
      if (records.get(id)?.owner !== owner) return false;
      return records.delete(id);
    },
  };
}

/** Where a stored endpoint keeps responses, and whose this request is. */
export interface ResponsesStorage {
  store: ResponseStore;
  owner: string;
}
