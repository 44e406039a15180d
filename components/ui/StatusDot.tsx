export type Tone = 'ok' | 'warn' | 'danger' | 'idle';

export function StatusDot({ tone }: { tone: Tone }) {
  return <span className="sy-dot" data-tone={tone} aria-hidden="true" />;
}
