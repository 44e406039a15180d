import type { ReactNode } from 'react';

/** A labelled form control with an optional hint; the label is tied to the control for screen readers. */
export function Field({ id, label, hint, children }: { id: string; label: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="sy-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <p className="sy-small sy-muted">{hint}</p>}
    </div>
  );
}
