import type { backgroundCalls } from '@/lib/messaging/contracts';
import type { CallOutput } from '@/lib/messaging/rpc';
import { StatusDot, type Tone } from './ui/StatusDot';

export type ProviderHealth = CallOutput<(typeof backgroundCalls)['health.status']>[number];

export function healthTone(h: { circuit: string; errorRate: number | null }): Tone {
  if (h.circuit === 'open') return 'danger';
  if (h.circuit === 'half-open' || (h.errorRate ?? 0) > 0.3) return 'warn';
  return h.circuit === 'unknown' ? 'idle' : 'ok';
}

const seconds = (ms: number) => `${Math.max(1, Math.ceil(ms / 1000))} s`;

function hostText(h: ProviderHealth): string {
  if (h.circuit === 'open') return `unreachable, paused for ${seconds(h.retryInMs)}${h.lastError ? ` (${h.lastError})` : ''}`;
  if (h.circuit === 'half-open') return 'being tried again';
  return h.ttftMs !== null ? `${Math.round(h.ttftMs)} ms to first token` : 'no requests yet';
}

function modelText(m: ProviderHealth['models'][number]): string {
  if (m.circuit === 'open') return `paused for ${seconds(m.retryInMs)}`;
  if (m.circuit === 'half-open') return 'being tried again';
  return `${Math.round(m.errorRate * 100)}% errors`;
}

/**
 * One provider's health: its host (reachable, key accepted) and, under it, the models that
 * are failing there. A paused model never pauses its siblings, so both are shown apart.
 */
export function HealthLine({ health, compact = false, label = health.name }: { health: ProviderHealth; compact?: boolean; label?: string }) {
  return (
    <div className="sy-health-line" data-testid={`health-${health.provider}`} data-circuit={health.circuit}>
      <span className="sy-row">
        <StatusDot tone={healthTone(health)} /> {label}
        <span className="sy-small sy-muted">{compact && health.circuit !== 'open' ? (health.ttftMs !== null ? `${Math.round(health.ttftMs)} ms` : '') : hostText(health)}</span>
      </span>
      {health.models.length > 0 && (
        <ul className="sy-health-models" aria-label={`${health.name} models with failures`}>
          {health.models.map((m) => (
            <li key={m.model} data-testid={`health-${health.provider}-${m.model}`} data-circuit={m.circuit} title={m.lastError ?? undefined}>
              <StatusDot tone={healthTone(m)} /> {m.model} <span className="sy-small sy-muted">{modelText(m)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
