import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { formatCost } from '@/lib/chat/answer';
import { PROMPT_KIND_LABELS } from '@/lib/gateway/prompt-kind';
import { leaderboard, rankings, type KindRanking } from '@/lib/conversations/votes';
import type { LedgerDb } from '@/lib/ledger/db';

const kindLabel = (r: KindRanking) => `${r.kind === 'all' ? 'All prompts' : PROMPT_KIND_LABELS[r.kind]} (${r.votes} ${r.votes === 1 ? 'vote' : 'votes'})`;

/** Your ratings of models from your votes, over all prompts or one kind, with what each win cost. */
export function Leaderboard({ db }: { db: LedgerDb }) {
  const data = useLiveQuery(async () => ({ ranked: await rankings(db), costs: await leaderboard(db) }), [db]);
  const [kind, setKind] = useState<KindRanking['kind']>('all');
  if (!data || data.ranked[0]!.votes === 0) return <p className="sy-small sy-muted">Pick the best answer of a comparison to start rating models by your own taste.</p>;
  const shown = data.ranked.find((r) => r.kind === kind) ?? data.ranked[0]!;
  const costPerWin = new Map(data.costs.map((c) => [c.model, c.costPerWin]));
  return (
    <div className="sy-leaderboard">
      <div className="sy-row">
        <strong className="sy-small">Your ratings</strong>
        <span className="sy-spacer" />
        <select aria-label="Kind of prompt" value={shown.kind} onChange={(e) => setKind(e.target.value as KindRanking['kind'])}>
          {data.ranked.map((r) => (
            <option key={r.kind} value={r.kind}>
              {kindLabel(r)}
            </option>
          ))}
        </select>
      </div>
      <table className="sy-table" data-testid="leaderboard">
        <caption className="sy-small sy-muted">Bradley–Terry ratings from your votes: 1500 is average, 400 more means preferred ten times out of eleven.</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Rating</th>
            <th scope="col">Wins</th>
            <th scope="col">Votes</th>
            <th scope="col">Cost per win</th>
          </tr>
        </thead>
        <tbody>
          {shown.ratings.map((r) => {
            const cost = costPerWin.get(r.model);
            return (
              <tr key={r.model}>
                <td>{r.model}</td>
                <td>{r.rating}</td>
                <td>{r.wins}</td>
                <td>{r.votes}</td>
                <td>{cost === null || cost === undefined ? '—' : formatCost(cost)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
