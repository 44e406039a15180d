import { useLiveQuery } from 'dexie-react-hooks';
import { formatCost } from '@/lib/chat/answer';
import { rankings } from '@/lib/conversations/votes';
import { pagesDb } from '@/lib/ledger/pages-db';
import { whatIfCosts } from '@/lib/ledger/what-if';
import { wellRated } from '@/lib/ranking/preferences';
import { useModels } from './useModels';

const SHOWN = 8;

/** What sending this prompt would cost on the other models the user can reach, cheapest first. */
export function OtherModelsCost({ promptTokens, current }: { promptTokens: number; current: string }) {
  const { models } = useModels();
  const ranked = useLiveQuery(() => rankings(pagesDb), []);
  if (!models) return null;
  const liked = new Set(wellRated(ranked?.[0]?.ratings ?? []));
  const rows = whatIfCosts({ prompt: promptTokens, completion: 0 }, 0, models.filter((m) => m.providers.length > 0), { liked, used: new Set([current]) });
  const shown = rows.slice(0, SHOWN);
  const chosen = rows.find((r) => r.used);
  if (chosen && !shown.includes(chosen)) shown.push(chosen);
  return (
    <table className="sy-table sy-small" data-testid="other-models-cost">
      <caption className="sy-muted">To send this prompt (≈ {promptTokens.toLocaleString()} tokens) on each model you have a key for; the answer comes on top.</caption>
      <tbody>
        {shown.map((r) => (
          <tr key={r.model} data-model={r.model} aria-current={r.used || undefined}>
            <td>
              {r.name}
              {r.used && <span className="sy-badge">chosen</span>}
              {r.liked && <span className="sy-badge">★ your votes</span>}
            </td>
            <td>{formatCost(r.cost) || '$0'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
