import { formatCost } from '@/lib/chat/answer';
import { callBackground } from '@/lib/messaging/browser';
import type { TeamBudget } from '@/lib/team/key-status';
import { useLoad } from '../ui/useCall';

function LeftLine({ label, budget, left, testId }: { label: string; budget: number | null; left: number | null; testId: string }) {
  if (budget === null || left === null) return null;
  return (
    <div className="sy-spend">
      <div className="sy-row">
        <span>{label}</span>
        <span className="sy-spacer" />
        <strong data-testid={testId}>{formatCost(left) || '$0'} left</strong>
        <span className="sy-small sy-muted">of {formatCost(budget)}</span>
      </div>
      <meter min={0} max={budget} low={budget * 0.2} high={budget * 0.5} optimum={budget} value={left} aria-label={`${label}: left of the team budget`} />
    </div>
  );
}

function TeamBudgetCard({ team }: { team: TeamBudget }) {
  return (
    <section className="sy-card" aria-label={`Team budget: ${team.name}`} data-testid={`team-budget-${team.provider}`}>
      <div className="sy-row">
        <strong>{team.name}</strong>
        <span className="sy-spacer" />
        {team.member && <span className="sy-small sy-muted">as {team.member}</span>}
      </div>
      {team.error ? (
        <p className="sy-small sy-danger-text" role="status">
          {team.error}
        </p>
      ) : team.budget && team.remaining && (team.budget.daily !== null || team.budget.monthly !== null) ? (
        <>
          <LeftLine label="Today" budget={team.budget.daily} left={team.remaining.day} testId={`team-left-day-${team.provider}`} />
          <LeftLine label="This month" budget={team.budget.monthly} left={team.remaining.month} testId={`team-left-month-${team.provider}`} />
        </>
      ) : (
        <p className="sy-small sy-muted">No team budget on this key; {formatCost(team.spent?.month ?? 0) || '$0'} this month.</p>
      )}
    </section>
  );
}

/** What is left of the member's budgets on each team gateway; asked for apart, so a slow gateway does not hold up the popup. */
export function TeamBudgets() {
  const teams = useLoad(() => callBackground('team.budgets', {}));
  if (!teams.data?.length) return null;
  return (
    <>
      {teams.data.map((team) => (
        <TeamBudgetCard key={team.provider} team={team} />
      ))}
    </>
  );
}
