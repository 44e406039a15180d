import { promptKind } from '../gateway/prompt-kind';
import type { WorkerLedger } from '../ledger/worker-db';
import type { KindVote } from './preferences';

/** Every vote with the kind of its prompt (older votes get theirs from the comparison's title, which is the prompt). */
export async function storedVotes(db: WorkerLedger): Promise<KindVote[]> {
  const votes = await db.getAll('votes');
  return Promise.all(
    votes.map(async (v) => ({
      winner: v.winner,
      models: v.models,
      kind: v.kind ?? promptKind((await db.get('conversations', v.conversationId))?.title ?? ''),
    })),
  );
}
