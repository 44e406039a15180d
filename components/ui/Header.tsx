import type { ReactNode } from 'react';

export function Header({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="sy-header">
      <img className="sy-logo" src="/icon/32.png" alt="" />
      <h1>{title}</h1>
      {children}
    </header>
  );
}
