import type { DurableObjectStorage } from 'cloudflare:workers';

/**
 * Storage writes made by calls that arrive close together, issued as one write: one transaction
 * and one commit for the lot instead of one each (a commit is the dearest part of a call that
 * writes). A caller awaits the group's issue; the object's output gate then holds its answer
 * until the group is durable, so no answer ever speaks of a write that a restart could lose.
 */
export class GroupedWrites {
  private puts = new Map<string, unknown>();
  private deletes = new Set<string>();
  private issued?: Promise<void>;

  constructor(private readonly storage: DurableObjectStorage) {}

  put(entries: Record<string, unknown>, deletes: string[] = []): Promise<void> {
    for (const key of deletes) {
      this.puts.delete(key);
      this.deletes.add(key);
    }
    for (const [key, value] of Object.entries(entries)) {
      this.deletes.delete(key);
      this.puts.set(key, value);
    }
    // The group waits for the calls already queued behind this one: a timer runs after them.
    this.issued ??= new Promise<void>((resolve) =>
      setTimeout(() => {
        const puts = Object.fromEntries(this.puts);
        const deletes = [...this.deletes];
        this.puts = new Map();
        this.deletes = new Set();
        this.issued = undefined;
        // Issued in one turn, these are one implicit transaction.
        if (Object.keys(puts).length) void this.storage.put(puts);
        if (deletes.length) void this.storage.delete(deletes);
        resolve();
      }, 0),
    );
    return this.issued;
  }
}
