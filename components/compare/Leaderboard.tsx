import { useLiveQuery } from 'dexie-react-hooks';
import { formatCost } from '@/lib/chat/answer';
import { leaderboard } from '@/lib/conversations/votes';
import type { LedgerDb } from '@/lib/ledger/db';

/** Which models won your comparisons, and what each win cost. */
export function Leaderboard({ db }: { db: LedgerDb }) {
  const rows = useLiveQuery(() => leaderboard(db), [db]);
  if (!rows || rows.length === 0) return <p className="sy-small sy-muted">Vote for the best answer to build your leaderboard.</p>;
  return (
    <table className="sy-table" data-testid="leaderboard">
      <caption className="sy-small sy-muted">Your leaderboard</caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Wins</th>
          <th scope="col">Compared</th>
          <th scope="col">Cost per win</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.model}>
            <td>{r.model}</td>
            <td>{r.wins}</td>
            <td>{r.comparisons}</td>
            <td>{r.costPerWin === null ? '—' : formatCost(r.costPerWin)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
